import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { inspectProxy, sendTraffic, useNetworkStore } from '../../state/network-store.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { TrafficCodes } from './TrafficCodes.tsx'
import './traffic.css'

const RATES = [1, 5, 20, 100]

/** `web-64c8bdf64c-x9wfx` → `web-…-x9wfx`: the part that tells replicas apart. */
function shortPod(name: string): string {
  const parts = name.split('-')
  return parts.length > 2 ? `${parts[0]}-…-${parts[parts.length - 1]}` : name
}

/** Services the cluster makes for itself: traffic needs one of the person's own. */
const builtInServices = new Set(['/registry/services/specs/default/kubernetes', '/registry/services/specs/kube-system/kube-dns'])
const isOwnService = (key: string): boolean => key.startsWith('/registry/services/specs/') && !builtInServices.has(key)

/**
 * Starts and stops the traffic source, shows answers per pod, and opens a node's kube-proxy rules.
 * Shown once there is a Service to send to (or traffic already sent), so it never hides the
 * control plane for nothing; its title folds it away.
 */
export function TrafficPanel() {
  const traffic = useNetworkStore((s) => s.traffic)
  const proxyNode = useNetworkStore((s) => s.proxyNode)
  const nodes = useSimStore(useShallow((s) => s.actors.filter((a) => a.kind === 'kube-proxy').map((a) => a.node ?? '')))
  const [service, setService] = useState('web')
  // `service`: a Service by name; `ingress`: HTTP with a Host header and path through the ingress controller.
  const [via, setVia] = useState<'service' | 'ingress'>('service')
  const [ingress, setIngress] = useState('example.com/')
  const hasIngressController = useSimStore((s) => s.actors.some((a) => a.kind === 'ingress-nginx'))
  const [rate, setRate] = useState(5)
  const [from, setFrom] = useState('')
  // Traffic started elsewhere (a scenario's `traffic:` step, a lesson, a share link) shows its own
  // target in the form, so the form never names another Service or source than the one running.
  const runningKey = traffic.running ? `${traffic.service}|${traffic.ingress ?? ''}|${traffic.from}|${traffic.rate}` : ''
  const [adopted, setAdopted] = useState('')
  if (runningKey !== adopted) {
    setAdopted(runningKey)
    if (traffic.running) {
      setVia(traffic.ingress ? 'ingress' : 'service')
      if (traffic.ingress) setIngress(traffic.ingress)
      else if (traffic.service) setService(traffic.service.split('/').pop() ?? traffic.service)
      if (traffic.from) setFrom(traffic.from)
      if (traffic.rate) setRate(traffic.rate)
    }
  }
  const rates = RATES.includes(rate) ? RATES : [...RATES, rate].sort((a, b) => a - b)
  const origin = from || nodes[0] || 'outside'
  const counts = Object.entries(traffic.counts).sort(([a], [b]) => (a < b ? -1 : 1))
  const max = Math.max(1, ...counts.map(([, n]) => n))
  const start = (): void =>
    sendTraffic(
      via === 'ingress' && hasIngressController
        ? `start --ingress ${ingress.trim()} --rate ${rate} --from ${origin}`
        : `start ${service.trim()} --rate ${rate} --from ${origin}`,
    )
  const hasService = useSimStore((s) => Object.keys(s.objects).some(isOwnService))
  // A phone's picture is small: the panel starts folded there, and unfolded it pushes the picture down.
  const [folded, setFolded] = useState(() => window.matchMedia?.('(max-width: 640px)').matches ?? false)
  if (!hasService && !traffic.running && traffic.sent === 0 && proxyNode === null) return null

  return (
    <section
      className={`traffic${folded ? ' traffic--folded' : ''}`}
      aria-label="Traffic"
      data-testid="traffic.panel"
      // Unfolded, the graph fits beside it (or below it on a phone): it hides no component.
      data-graph-inset={folded ? undefined : 'right'}
    >
      <h2 className="traffic__title">
        <button
          type="button"
          className="traffic__fold"
          aria-expanded={!folded}
          data-testid="traffic.fold"
          onClick={() => setFolded(!folded)}
        >
          Traffic <span aria-hidden="true">{folded ? '▸' : '▾'}</span>
        </button>
      </h2>
      {folded ? null : (
        <>
          <div className="traffic__controls">
            {hasIngressController ? (
              <label>
                to{' '}
                <select data-testid="traffic.via" value={via} onChange={(e) => setVia(e.target.value as 'service' | 'ingress')}>
                  <option value="service">Service</option>
                  <option value="ingress">Ingress host/path</option>
                </select>
              </label>
            ) : null}
            {via === 'ingress' && hasIngressController ? (
              <label>
                URL{' '}
                <input data-testid="traffic.ingress" value={ingress} size={14} onChange={(e) => setIngress(e.target.value)} />
              </label>
            ) : (
              <label>
                Service{' '}
                <input data-testid="traffic.service" value={service} size={8} onChange={(e) => setService(e.target.value)} />
              </label>
            )}
            <label>
              from{' '}
              <select data-testid="traffic.from" value={origin} onChange={(e) => setFrom(e.target.value)}>
                {nodes.map((n) => (
                  <option key={n} value={n}>
                    a pod on {n}
                  </option>
                ))}
                <option value="outside">outside (NodePort)</option>
              </select>
            </label>
            <label>
              rate{' '}
              <select data-testid="traffic.rate" value={rate} onChange={(e) => setRate(Number(e.target.value))}>
                {rates.map((r) => (
                  <option key={r} value={r}>
                    {r}/s
                  </option>
                ))}
              </select>
            </label>
            {traffic.running ? (
              <button type="button" data-testid="traffic.stop" onClick={() => sendTraffic('stop')}>
                Stop
              </button>
            ) : (
              <button type="button" data-testid="traffic.start" onClick={start}>
                Start
              </button>
            )}
          </div>
          <p className="traffic__totals" data-testid="traffic.totals">
            {traffic.running && traffic.ingress ? `http://${traffic.ingress} via ingress-nginx, ` : ''}
            {traffic.running ? `${traffic.service} from ${traffic.from === 'outside' ? 'outside' : `a pod on ${traffic.from}`}: ` : ''}
            sent {traffic.sent} · answered {traffic.ok} · refused <span className={traffic.refused ? 'traffic__bad' : ''}>{traffic.refused}</span>
          </p>
          <TrafficCodes codes={traffic.codes} />
          {traffic.note ? (
            <p className="traffic__note" role="status">
              {traffic.note}
            </p>
          ) : null}
          {traffic.resolvConf ? (
            <details className="traffic__resolv" data-testid="traffic.resolv-conf">
              <summary>/etc/resolv.conf of the client pod</summary>
              <pre>{traffic.resolvConf}</pre>
            </details>
          ) : null}
          <ul className="traffic__counts" aria-label="Answers per pod">
            {counts.map(([pod, n]) => (
              <li key={pod} data-testid={`traffic.count.${pod}`} data-count={n} data-node={traffic.podNodes[pod] ?? ''}>
                <span className="traffic__pod" title={pod}>
                  {shortPod(pod)}
                  {traffic.podNodes[pod] ? <span className="traffic__node"> · {traffic.podNodes[pod]}</span> : null}
                </span>
                <span className="traffic__bar" style={{ width: `${(n / max) * 100}%` }} />
                <span className="traffic__n">{n}</span>
              </li>
            ))}
          </ul>
          <label className="traffic__rules">
            kube-proxy rules on{' '}
            <select data-testid="traffic.rules-node" value={proxyNode ?? ''} onChange={(e) => inspectProxy(e.target.value || null)}>
              <option value="">—</option>
              {nodes.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </section>
  )
}
