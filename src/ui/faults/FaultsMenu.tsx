import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Fault } from '../../sim/protocol.ts'
import { injectFault, nextNodeName, nodeFaultStates } from '../../state/fault-actions.ts'
import { selectActors } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import './faults.css'

interface Item {
  /**
   * What the item acts on (`power:node-1`, `component:kube-scheduler`): its React key, so that an
   * item whose action flips while the menu is open (a component that exits and is restarted)
   * keeps its element, and keyboard focus with it.
   */
  slot: string
  /** The action, `stop-node:node-1`: the item's test id. */
  key: string
  label: string
  fault: Fault
  /** Repairs rather than breaks: drawn differently. */
  repair: boolean
}

interface Group {
  title: string
  items: Item[]
}

/**
 * The Faults menu in the toolbar: stop and start a node, its kubelet, kube-scheduler and
 * kube-controller-manager, the members of an etcd cluster, cut a node off from the control plane,
 * take the image registry away, and add a machine that joins the cluster.
 * A menu button with arrow-key navigation (WAI-ARIA menu button pattern); Escape closes it.
 */
export function FaultsMenu() {
  const actors = useSimStore(selectActors)
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

  const groups = useMemo<Group[]>(() => {
    const out: Group[] = []
    for (const n of nodeFaultStates(actors)) {
      const items: Item[] = [
        { slot: `power:${n.node}`, ...(n.powered
          ? { key: `stop-node:${n.node}`, label: `Stop ${n.node} (power off)`, fault: { kind: 'stop-node', node: n.node }, repair: false }
          : { key: `start-node:${n.node}`, label: `Start ${n.node}`, fault: { kind: 'start-node', node: n.node }, repair: true }) },
      ]
      if (n.powered)
        items.push({
          slot: `kubelet:${n.node}`,
          ...(n.kubeletRunning
            ? { key: `stop-kubelet:${n.node}`, label: `Stop the kubelet on ${n.node}`, fault: { kind: 'stop-kubelet', node: n.node }, repair: false }
            : { key: `start-kubelet:${n.node}`, label: `Start the kubelet on ${n.node}`, fault: { kind: 'start-kubelet', node: n.node }, repair: true }),
        })
      items.push({
        slot: `partition:${n.node}`,
        ...(n.partitioned
          ? { key: `heal-node:${n.node}`, label: `Heal the partition of ${n.node}`, fault: { kind: 'heal-node', node: n.node }, repair: true }
          : { key: `partition-node:${n.node}`, label: `Cut ${n.node} off from the control plane`, fault: { kind: 'partition-node', node: n.node }, repair: false }),
      })
      out.push({ title: n.node, items })
    }
    const control: Item[] = []
    for (const component of ['kube-scheduler', 'kube-controller-manager'] as const) {
      const a = actors.find((x) => x.kind === component)
      if (!a) continue
      control.push({
        slot: `component:${component}`,
        ...(a.running
          ? { key: `stop:${component}`, label: `Stop ${component}`, fault: { kind: 'stop-component', component }, repair: false }
          : { key: `start:${component}`, label: `Start ${component}`, fault: { kind: 'start-component', component }, repair: true }),
      })
    }
    const registry = actors.find((x) => x.kind === 'image-registry')
    if (registry)
      control.push({
        slot: 'registry',
        ...(registry.running
          ? { key: 'stop-registry', label: 'Make the image registry unreachable', fault: { kind: 'stop-registry' }, repair: false }
          : { key: 'start-registry', label: 'Make the image registry reachable', fault: { kind: 'start-registry' }, repair: true }),
      })
    if (control.length) out.push({ title: 'Control plane and registry', items: control })
    // Members of an etcd cluster; a single member is not offered (stopping it is not simulated).
    const members = actors.filter((x) => x.kind === 'etcd')
    if (members.length > 1)
      out.push({
        title: 'etcd members',
        items: members.map((m) => {
          const member = Number(m.id.slice(m.id.indexOf(':') + 1))
          const slot = `etcd:${member}`
          return m.running
            ? { slot, key: `stop-etcd:${member}`, label: `Stop etcd-${member}`, fault: { kind: 'stop-etcd-member', member }, repair: false }
            : { slot, key: `start-etcd:${member}`, label: `Start etcd-${member}`, fault: { kind: 'start-etcd-member', member }, repair: true }
        }),
      })
    const name = nextNodeName(actors)
    out.push({ title: 'Cluster', items: [{ slot: 'add-node', key: 'add-node', label: `Add a node (${name} joins)`, fault: { kind: 'add-node', node: name }, repair: true }] })
    return out
  }, [actors])

  const items = (): HTMLButtonElement[] => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]

  useEffect(() => {
    if (open) items()[0]?.focus()
  }, [open])

  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent): void => {
      const t = e.target as Node
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  const closeAndFocus = (): void => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const list = items()
    const i = list.indexOf(document.activeElement as HTMLButtonElement)
    const move = (to: number): void => {
      e.preventDefault()
      list[(to + list.length) % list.length]?.focus()
    }
    if (e.key === 'ArrowDown') move(i + 1)
    else if (e.key === 'ArrowUp') move(i - 1)
    else if (e.key === 'Home') move(0)
    else if (e.key === 'End') move(list.length - 1)
    else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      closeAndFocus()
    } else if (e.key === 'Tab') setOpen(false)
    // Keys the app binds (Space to play, arrows to step) must not leak out of the menu.
    e.stopPropagation()
  }

  const choose = (item: Item): void => {
    injectFault(item.fault)
    closeAndFocus()
  }

  return (
    <div className="faults">
      <button
        ref={buttonRef}
        type="button"
        className="button faults__button"
        data-testid="toolbar.faults"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        <span aria-hidden="true">⚡</span> Faults
      </button>
      {open && (
        <div ref={menuRef} id={menuId} role="menu" aria-label="Faults" className="faults__menu" data-testid="faults.menu" onKeyDown={onMenuKey}>
          {groups.map((g) => (
            <div key={g.title} role="group" aria-label={g.title} className="faults__group">
              <div className="faults__title" aria-hidden="true">
                {g.title}
              </div>
              {g.items.map((item) => (
                <button
                  key={item.slot}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={item.repair ? 'faults__item faults__item--repair' : 'faults__item'}
                  data-testid={`faults.${item.key}`}
                  onClick={() => choose(item)}
                >
                  {item.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
