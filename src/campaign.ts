/**
 * `ncco-kit/campaign`: outbound campaigns on BullMQ and Redis (Node.js; needs the optional
 * peer dependencies `bullmq` and `ioredis`). Plan a campaign from a template and a recipients
 * file, start it, run as many workers as wanted on as many machines, and watch it: one
 * calls-per-second limit for all workers, and at most one dial per recipient whatever fails
 * (docs/campaigns.md).
 *
 * @module ncco-kit/campaign
 * @since 0.3.0
 */
export {
  parseRecipients,
  recipientsFormatOf,
  maxRecipients,
  type CampaignFinding,
  type ParsedRecipients,
  type RecipientRow,
  type RecipientsFormat
} from './campaign/recipients.js'
export {
  planCampaign,
  recipientId,
  type CampaignPlan,
  type PlanOptions,
  type PlannedRecipient
} from './campaign/plan.js'
export {
  campaignReport,
  campaignStatus,
  defaultQueue,
  readAttention,
  readStatus,
  retryCampaign,
  startCampaign,
  type CampaignAttention,
  type CampaignJob,
  type CampaignStatus,
  type QueueOptions,
  type ReportLine,
  type StartResult
} from './campaign/queue.js'
export {
  startCampaignWorker,
  type CampaignWorker,
  type CampaignWorkerOptions,
  type WorkerEvent
} from './campaign/worker.js'
export { recipientOutcomes, type RecipientOutcome } from './campaign/store.js'
export { CampaignRedisError, redactRedisUrl, type RedisSource } from './campaign/connection.js'
export type { SharedLimit } from './campaign/limit.js'
