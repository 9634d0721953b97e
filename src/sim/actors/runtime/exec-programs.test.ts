import { describe, expect, it } from 'vitest'
import { curlOutput, lookupNames, nslookupOutput, wgetOutput } from './exec-output.ts'
import { commandRefusal, planCommand, type ExecEnv } from './exec-programs.ts'

const resolv = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
const env = (image: string): ExecEnv => ({
  image,
  hostname: 'bb',
  podIP: '10.244.1.3',
  files: { '/etc/resolv.conf': resolv },
  fileState: (p) => (p === '/tmp/healthy' ? 'present' : p === '/tmp/gone' ? 'absent' : 'unknown'),
  nowMs: Date.UTC(2026, 0, 1, 0, 0, 5),
  environ: [['PATH', '/bin'], ['HOSTNAME', 'bb'], ['LOG_LEVEL', 'debug']],
})
const quiet = { silent: true, showErrors: false, fail: false, discardBody: false, quiet: true, toStdout: true }

describe('kubectl exec: which commands are sent', () => {
  it('refuses an interactive shell and shell syntax, with the command to type instead', () => {
    expect(commandRefusal(['sh'], 'bb')).toMatch(/no interactive shell.*kubectl exec bb -- cat \/etc\/resolv.conf/)
    expect(commandRefusal(['/bin/bash', '-i'], 'bb')).toMatch(/no interactive shell/)
    expect(commandRefusal(['sh', '-c', 'cat /etc/hosts | grep bb'], 'bb')).toMatch(/no pipes/)
    expect(commandRefusal(['ls', '/'], 'bb')).toMatch(/does not simulate "ls"/)
    expect(commandRefusal(['curl', '-v', 'web'], 'bb')).toMatch(/does not simulate curl -v/)
    expect(commandRefusal(['curl', 'https://web'], 'bb')).toMatch(/plain HTTP only/)
  })

  it('accepts what it can answer', () => {
    for (const argv of [['nslookup', 'web'], ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', 'http://web:8080/x'], ['wget', '-qO-', 'web'], ['wget', '-q', '-O', '-', 'web'], ['sh', '-c', 'hostname -i'], ['cat', '/tmp/healthy']])
      expect(commandRefusal(argv, 'bb')).toBeUndefined()
  })
})

describe('kubectl exec: what the container does', () => {
  it('runs the trivial programs', () => {
    expect(planCommand(['hostname', '-i'], env('busybox:1.36'))).toEqual({ kind: 'done', stdout: '10.244.1.3\n', stderr: '', exitCode: 0 })
    expect(planCommand(['date'], env('nginx:1.27'))).toMatchObject({ stdout: 'Thu Jan  1 00:00:05 UTC 2026\n' })
    expect(planCommand(['echo', '-n', 'a', 'b'], env('busybox'))).toMatchObject({ stdout: 'a b' })
    expect(planCommand(['cat', '/etc/resolv.conf'], env('busybox'))).toMatchObject({ stdout: resolv })
  })

  it('prints the environment, and printenv fails for a name not set', () => {
    expect(planCommand(['env'], env('busybox'))).toMatchObject({ stdout: 'PATH=/bin\nHOSTNAME=bb\nLOG_LEVEL=debug\n' })
    expect(planCommand(['printenv', 'LOG_LEVEL'], env('nginx'))).toMatchObject({ stdout: 'debug\n', exitCode: 0 })
    expect(planCommand(['printenv', 'LOG_LEVEL', 'NOPE'], env('nginx'))).toMatchObject({ stdout: 'debug\n', exitCode: 1 })
  })

  it('reads the files the container command made, and says so for files it does not know', () => {
    expect(planCommand(['cat', '/tmp/healthy'], env('busybox'))).toMatchObject({ exitCode: 0, stdout: '' })
    expect(planCommand(['cat', '/tmp/gone'], env('busybox'))).toMatchObject({ exitCode: 1, stderr: "cat: can't open '/tmp/gone': No such file or directory\n" })
    expect(planCommand(['cat', '/tmp/gone'], env('nginx'))).toMatchObject({ stderr: 'cat: /tmp/gone: No such file or directory\n' })
    expect(planCommand(['cat', '/etc/os-release'], env('busybox'))).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^kube-anatomy: what \/etc\/os-release holds/) })
  })

  it('fails a program the image lacks as runc does, or as the shell does under sh -c', () => {
    // nginx (Debian) has curl but no nslookup; busybox has nslookup and wget but no curl.
    expect(planCommand(['nslookup', 'web'], env('nginx:1.27'))).toEqual({
      kind: 'start-failed',
      error: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in $PATH: unknown',
    })
    expect(planCommand(['sh', '-c', 'nslookup web'], env('nginx:1.27'))).toMatchObject({ exitCode: 127, stderr: 'sh: 1: nslookup: not found\n' })
    expect(planCommand(['sh', '-c', 'curl web'], env('busybox:1.36'))).toMatchObject({ exitCode: 127, stderr: 'sh: curl: not found\n' })
    expect(planCommand(['hostname'], env('registry.k8s.io/pause:3.10'))).toMatchObject({ kind: 'start-failed' })
    expect(planCommand(['nslookup', 'web'], env('busybox:1.28'))).toEqual({ kind: 'nslookup', name: 'web', old: true })
  })
})

describe('kubectl exec: the resolver and the network tools', () => {
  it('asks the search list first for a name with fewer than ndots dots, last for a longer one', () => {
    expect(lookupNames('web', resolv)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web'])
    expect(lookupNames('web.default', resolv)[1]).toBe('web.default.svc.cluster.local')
    expect(lookupNames('a.b.c.d.e.f', resolv)[0]).toBe('a.b.c.d.e.f')
    expect(lookupNames('web.default.svc.cluster.local.', resolv)).toEqual(['web.default.svc.cluster.local'])
  })

  it('prints nslookup as BusyBox 1.28 (the DNS debugging page) and newer BusyBox do', () => {
    const answer = { fqdn: 'web.default.svc.cluster.local', ips: ['10.96.4.5'] }
    expect(nslookupOutput({ name: 'web', old: true, server: '10.96.0.10', serverName: 'kube-dns.kube-system.svc.cluster.local', answer }).stdout).toBe(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: 10.96.4.5 web.default.svc.cluster.local\n',
    )
    expect(nslookupOutput({ name: 'web', old: false, server: '10.96.0.10', answer }).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.4.5\n\n',
    )
    expect(nslookupOutput({ name: 'nope', old: true, server: '10.96.0.10' })).toMatchObject({ stderr: "nslookup: can't resolve 'nope'\n", exitCode: 1 })
  })

  it("prints curl's and wget's errors with their exit codes", () => {
    expect(curlOutput('web', 80, { ...quiet, showErrors: true }, { kind: 'no-name' })).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web\n', exitCode: 6 })
    expect(curlOutput('web', 80, quiet, { kind: 'refused', ip: '10.96.4.5', afterMs: 3 })).toEqual({ stdout: '', stderr: '', exitCode: 7 })
    expect(curlOutput('web', 80, { ...quiet, discardBody: true, writeOut: '%{http_code}\\n' }, { kind: 'answered', code: 404, body: 'x', ip: '' }).stdout).toBe('404\n')
    expect(curlOutput('web', 80, { ...quiet, showErrors: true, fail: true }, { kind: 'answered', code: 404, body: 'x', ip: '' })).toMatchObject({ exitCode: 22, stderr: 'curl: (22) The requested URL returned error: 404\n' })
    expect(wgetOutput('web', 80, quiet, { kind: 'refused', ip: '10.96.4.5', afterMs: 1 })).toEqual({ stdout: '', stderr: "wget: can't connect to remote host (10.96.4.5): Connection refused\n", exitCode: 1 })
    expect(wgetOutput('web', 80, quiet, { kind: 'no-name' }).stderr).toBe("wget: bad address 'web'\n")
  })
})
