/** The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, scheduling_queue_test.go). */
import { describe, expect, it } from 'vitest'
import { numFeasibleNodesToFind } from './decide.ts'
import { addPod, addUnschedulable, backoffMs, moveOnEvent, newQueue, pop } from './queue.ts'

describe('scheduling queue', () => {
  it('backs off 1 s, 2 s, 4 s, 8 s, then 10 s (podInitialBackoffSeconds 1, podMaxBackoffSeconds 10)', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000])
  })

  it('pops by PrioritySort: higher priority first, then the earlier timestamp', () => {
    const q = newQueue()
    addPod(q, 'low', 0, 0)
    addPod(q, 'high', 1000, 5)
    addPod(q, 'low2', 0, 1)
    addPod(q, 'mid', 10, 9)
    expect([pop(q), pop(q), pop(q), pop(q)]).toEqual(['high', 'mid', 'low', 'low2'])
  })

  it('parks a failed pod and moves it on an event one of its rejecting plugins cares about', () => {
    const q = newQueue()
    addPod(q, 'p', 0, 0)
    pop(q)
    expect(addUnschedulable(q, 'p', 100, ['TaintToleration'])).toBe('unschedulable')
    expect(moveOnEvent(q, 'AssignedPodDelete', 200)).toEqual([])
    expect(q.info.p!.where).toBe('unschedulable')
    // Still inside its 1 s backoff: to backoffQ.
    expect(moveOnEvent(q, 'NodeTaint', 500)).toEqual(['p'])
    expect(q.info.p!.where).toBe('backoff')
  })

  it('goes straight to activeQ when the backoff is already over', () => {
    const q = newQueue()
    addPod(q, 'p', 0, 0)
    pop(q)
    addUnschedulable(q, 'p', 0, ['NodeResourcesFit'])
    moveOnEvent(q, 'NodeAdd', 5_000)
    expect(q.activeQ).toEqual(['p'])
  })

  it('sends a pod to backoff when a move request came while it was being scheduled', () => {
    const q = newQueue()
    addPod(q, 'p', 0, 0)
    pop(q)
    moveOnEvent(q, 'NodeAdd', 1)
    expect(addUnschedulable(q, 'p', 2, ['NodeResourcesFit'])).toBe('backoff')
  })
})

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
  it('takes every node under 100, else an adaptive percentage floored at 100 nodes', () => {
    expect(numFeasibleNodesToFind(0, 3)).toBe(3)
    expect(numFeasibleNodesToFind(0, 100)).toBe(100)
    // 50 − 1000/125 = 42 %.
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420)
    // 50 − 5000/125 = 10 %.
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500)
    // never under 5 %.
    expect(numFeasibleNodesToFind(0, 10000)).toBe(500)
    expect(numFeasibleNodesToFind(20, 200)).toBe(100)
  })
})
