/**
 * Says, at the end of the run, when the campaign tests did not run because no Redis was
 * available, so that a green run without them cannot be mistaken for one with them.
 */
import { redisAvailable } from './redis-server.js'

export default function setup(): () => void {
  return () => {
    if (!redisAvailable()) {
      process.stdout.write(
        '\nNOTE: the campaign tests (test/campaign) did not run: no redis-server on the PATH and no REDIS_URL. Install redis-server (apt-get install redis-server) or set REDIS_URL to run them.\n'
      )
    }
  }
}
