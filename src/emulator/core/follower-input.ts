import { ControlError } from './errors';

/** What a simulated follower can do (the body of POST …/fans/:openid/messages). */
export type SimulatedAction =
  | { type: 'text'; content: string }
  | { type: 'image'; picUrl?: string; mediaId?: string }
  | { type: 'voice'; mediaId?: string; format?: string; recognition?: string }
  | { type: 'video' | 'shortvideo'; mediaId?: string; thumbMediaId?: string }
  | { type: 'location'; x: number; y: number; scale: number; label: string }
  | { type: 'link'; title: string; description: string; url: string }
  | { type: 'click'; key: string }
  | { type: 'view'; url: string; menuId?: number }
  | { type: 'subscribe'; scene?: string; ticket?: string }
  | { type: 'unsubscribe' }
  | { type: 'scan'; scene: string; ticket?: string }
  | { type: 'location_event'; latitude: number; longitude: number; precision: number }
  | { type: 'scancode_push' | 'scancode_waitmsg'; key: string; scanResult: string; scanType?: string };

type Shape = Record<string, 'string' | 'number' | 'string?' | 'number?'>;

const SHAPES: Record<SimulatedAction['type'], Shape> = {
  text: { content: 'string' },
  image: { picUrl: 'string?', mediaId: 'string?' },
  voice: { mediaId: 'string?', format: 'string?', recognition: 'string?' },
  video: { mediaId: 'string?', thumbMediaId: 'string?' },
  shortvideo: { mediaId: 'string?', thumbMediaId: 'string?' },
  location: { x: 'number', y: 'number', scale: 'number', label: 'string' },
  link: { title: 'string', description: 'string', url: 'string' },
  click: { key: 'string' },
  view: { url: 'string', menuId: 'number?' },
  subscribe: { scene: 'string?', ticket: 'string?' },
  unsubscribe: {},
  scan: { scene: 'string', ticket: 'string?' },
  location_event: { latitude: 'number', longitude: 'number', precision: 'number' },
  scancode_push: { key: 'string', scanResult: 'string', scanType: 'string?' },
  scancode_waitmsg: { key: 'string', scanResult: 'string', scanType: 'string?' },
};

/** Checks a control-API body against the action shapes; 400 with every problem otherwise. */
export function parseAction(body: Record<string, unknown>): SimulatedAction {
  const type = body.type;
  if (typeof type !== 'string' || !Object.hasOwn(SHAPES, type)) {
    throw new ControlError(400, 'invalid_message', `type must be one of ${Object.keys(SHAPES).join(', ')}`);
  }
  const shape = SHAPES[type as SimulatedAction['type']];
  const problems: string[] = [];
  for (const [field, kind] of Object.entries(shape)) {
    const value = body[field];
    const optional = kind.endsWith('?');
    if (value === undefined && optional) continue;
    const want = kind.replace('?', '');
    const ok = want === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';
    if (!ok) problems.push(`${field} must be a ${want}`);
  }
  for (const field of Object.keys(body)) {
    if (field !== 'type' && !(field in shape)) problems.push(`${type} has no field ${field}`);
  }
  if (type === 'text' && body.content === '') problems.push('content must not be empty (WeChat sends no empty messages)');
  if (problems.length > 0) throw new ControlError(400, 'invalid_message', problems.join('; '));
  return body as unknown as SimulatedAction;
}
