import type { InboundMessage } from '../../wechat';
import { byPriorityThenAge, type RuleInfo } from './engine-rank';

/**
 * Event rules and default rules, all hash lookups. Within one lookup the order is priority, then the
 * older rule. Across lookups the more specific rule wins regardless of priority, because naming a
 * QR scene or an EventKey is an explicit choice for exactly those events:
 * - subscribe through QR scene S: subscribe rules for S, else plain subscribe rules;
 * - SCAN of scene S: scan rules for S; CLICK of key K: click rules for K;
 * - then, for any event: generic event rules for (Event, EventKey), else for Event alone.
 * Event names and keys are compared exactly as on the wire (case-sensitive, not normalized).
 */
export class EventIndex {
  private readonly subscribeByScene = new Map<string, RuleInfo[]>();
  private readonly subscribePlain: RuleInfo[] = [];
  private readonly click = new Map<string, RuleInfo[]>();
  private readonly scan = new Map<string, RuleInfo[]>();
  /** Generic event rules by `Event` then by `EventKey` ('' = any key). */
  private readonly events = new Map<string, Map<string, RuleInfo[]>>();
  readonly defaults: RuleInfo[] = [];

  constructor(infos: readonly RuleInfo[]) {
    for (const info of infos) {
      const t = info.rule.trigger;
      if (t.kind === 'subscribe') {
        if (t.scene !== undefined && t.scene !== '') add(this.subscribeByScene, t.scene, info);
        else this.subscribePlain.push(info);
      } else if (t.kind === 'click') add(this.click, t.key, info);
      else if (t.kind === 'scan') add(this.scan, t.scene, info);
      else if (t.kind === 'event') {
        let byKey = this.events.get(t.event);
        if (byKey === undefined) this.events.set(t.event, (byKey = new Map()));
        add(byKey, t.key ?? '', info);
      } else if (t.kind === 'default') this.defaults.push(info);
    }
    for (const list of [this.subscribePlain, this.defaults]) list.sort(byPriorityThenAge);
    for (const map of [this.subscribeByScene, this.click, this.scan, ...this.events.values()]) {
      for (const list of map.values()) list.sort(byPriorityThenAge);
    }
  }

  /** The rule answering an event, or null (also for normal messages). */
  match(message: InboundMessage, accept: (info: RuleInfo) => boolean): RuleInfo | null {
    const event = message.event;
    if (event === null) return null;
    let found: RuleInfo | null = null;
    if (message.kind === 'event:subscribe') {
      if (message.scene !== null) found = firstActive(this.subscribeByScene.get(message.scene), accept);
      found ??= firstActive(this.subscribePlain, accept);
    } else if (message.kind === 'event:SCAN') {
      const scene = message.scene ?? message.eventKey;
      if (scene !== null) found = firstActive(this.scan.get(scene), accept);
    } else if (message.kind === 'event:CLICK' && message.eventKey !== null) {
      found = firstActive(this.click.get(message.eventKey), accept);
    }
    if (found !== null) return found;
    const byKey = this.events.get(event);
    if (byKey === undefined) return null;
    if (message.eventKey !== null) found = firstActive(byKey.get(message.eventKey), accept);
    return found ?? firstActive(byKey.get(''), accept);
  }
}

export function firstActive(list: readonly RuleInfo[] | undefined, accept: (info: RuleInfo) => boolean): RuleInfo | null {
  if (list !== undefined) for (const info of list) if (accept(info)) return info;
  return null;
}

function add(map: Map<string, RuleInfo[]>, key: string, info: RuleInfo): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [info]);
  else list.push(info);
}
