import { inspectProxy, useNetworkStore } from '../../state/network-store.ts'
import { formatSeconds } from '../../state/time.ts'
import './traffic.css'

/** One node's kube-proxy rules as `iptables-save` prints them, refreshed at each sync. */
export function ProxyRules() {
  const node = useNetworkStore((s) => s.proxyNode)
  const rules = useNetworkStore((s) => s.rules)
  if (!node) return null
  const interesting = (rules?.text ?? '').split('\n').filter((l) => !l.startsWith(':'))
  return (
    <section className="proxy-rules" aria-label={`kube-proxy rules on ${node}`} data-testid="proxy-rules">
      <div className="proxy-rules__head">
        <h2 className="proxy-rules__title">
          kube-proxy on {node}: <code>iptables-save</code>
        </h2>
        <span className="proxy-rules__facts">
          {rules ? (rules.lastSyncAt < 0 ? 'not synced yet' : `${rules.syncs} sync(s), last at ${formatSeconds(rules.lastSyncAt)}`) : '…'}
        </span>
        <button type="button" onClick={() => inspectProxy(null)} aria-label="Close the rules">
          ×
        </button>
      </div>
      <pre className="proxy-rules__text" data-testid="proxy-rules.text">
        {interesting.map((l, i) => (
          <div key={i} className={l.includes('KUBE-SVC-') || l.includes('KUBE-SEP-') ? 'proxy-rules__svc' : l.includes('REJECT') ? 'proxy-rules__reject' : undefined}>
            {l}
          </div>
        ))}
      </pre>
    </section>
  )
}
