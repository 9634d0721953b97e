/**
 * What an image's own entrypoint prints when it starts, for `kubectl logs` (FIDELITY.md: the
 * official images' startup lines). `@ts` is replaced by the time the line was written, in the
 * format the program uses (nginx: `2026/01/01 00:00:05`).
 */

/** The official nginx image: its entrypoint's configuration steps, then nginx's notices. */
function nginx(): [number, string][] {
  const entry = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ]
  const notices = [
    'using the "epoll" event method',
    '@version',
    'built by gcc 12.2.0 (Debian 12.2.0-14)',
    'OS: Linux 6.8.0-51-generic',
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    'start worker process 29',
    'start worker process 30',
    'start worker process 31',
    'start worker process 32',
  ]
  return [...entry.map((l, i): [number, string] => [i, l]), ...notices.map((l, i): [number, string] => [20 + i, `@nginx-ts [notice] 1#1: ${l}`])]
}

function redis(): [number, string][] {
  return [
    [0, '1:C @redis-ts * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'],
    [1, '1:C @redis-ts * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'],
    [2, '1:M @redis-ts * Server initialized'],
    [3, '1:M @redis-ts * Ready to accept connections tcp'],
  ]
}

export function imageLogs(name: string): [number, string][] {
  if (name === 'nginx') return nginx()
  if (name === 'redis') return redis()
  return []
}
