import { EmulatorError } from '../core/contract';
import type { FilePart } from './media-multipart';
import { opaqueId } from './publishing-wire';

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface StoredMedia {
  mediaId: string;
  type: MediaType;
  filename: string;
  contentType: string;
  data: Buffer;
  createdAt: number;
}

export interface PermanentMedia extends StoredMedia {
  /** Images only: the mmbiz URL WeChat answers (usable on Tencent domains only). */
  url: string | null;
  /** Videos only, from the `description` form field. */
  title?: string;
  introduction?: string;
}

/** A media_id minted by media/uploadvideo, the only kind an mpvideo mass send accepts. */
export interface MassVideo {
  mediaId: string;
  source: StoredMedia;
  title: string;
  description: string;
  createdAt: number;
}

/** §11.2: temporary media live 3 days. */
export const TEMPORARY_TTL_SECONDS = 3 * 86_400;

/** §11.2 limits and formats (the stricter format lists where doc revisions differ). */
const RULES: Record<MediaType, { maxBytes: number; extensions: string[]; sizeErrcode: number; sizeErrmsg: string }> = {
  image: { maxBytes: 10 * 1024 * 1024, extensions: ['png', 'jpeg', 'jpg', 'gif'], sizeErrcode: 40009, sizeErrmsg: 'invalid image size' },
  voice: { maxBytes: 2 * 1024 * 1024, extensions: ['amr', 'mp3'], sizeErrcode: 40010, sizeErrmsg: 'invalid voice size' },
  video: { maxBytes: 10 * 1024 * 1024, extensions: ['mp4'], sizeErrcode: 40011, sizeErrmsg: 'invalid video size' },
  thumb: { maxBytes: 64 * 1024, extensions: ['jpg', 'jpeg'], sizeErrcode: 40012, sizeErrmsg: 'invalid thumb size' },
};

export function mediaTypeOf(value: unknown): MediaType {
  if (value === 'image' || value === 'voice' || value === 'video' || value === 'thumb') return value;
  throw new EmulatorError(40004, 'invalid media type');
}

/** Format by file extension (what WeChat checks first), then size; WeChat's errcodes for each. */
export function checkFile(type: MediaType, file: FilePart | undefined): FilePart {
  if (!file || file.data.length === 0) throw new EmulatorError(41005, 'media data missing');
  const rule = RULES[type];
  checkExtension(file.filename, rule.extensions);
  if (file.data.length > rule.maxBytes) throw new EmulatorError(rule.sizeErrcode, rule.sizeErrmsg);
  return file;
}

export function checkExtension(filename: string, allowed: string[]): void {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!ext || !allowed.includes(ext)) throw new EmulatorError(40005, 'invalid file type');
}

/** One account's media: temporary uploads, the permanent library, article images and mass videos. */
export class MediaStore {
  readonly temporary = new Map<string, StoredMedia>();
  readonly permanent = new Map<string, PermanentMedia>();
  readonly articleImageUrls = new Set<string>();
  readonly massVideos = new Map<string, MassVideo>();

  addTemporary(type: MediaType, file: FilePart, now: number): StoredMedia {
    const media: StoredMedia = { mediaId: opaqueId(48), type, filename: file.filename, contentType: file.contentType, data: file.data, createdAt: now };
    this.temporary.set(media.mediaId, media);
    return media;
  }

  /** A temporary medium younger than 3 days. */
  findTemporary(mediaId: string, now: number): StoredMedia | undefined {
    const media = this.temporary.get(mediaId);
    if (!media) return undefined;
    if (now - media.createdAt >= TEMPORARY_TTL_SECONDS) {
      this.temporary.delete(mediaId);
      return undefined;
    }
    return media;
  }

  /** A usable medium of the given types, temporary (unexpired) or permanent. */
  find(mediaId: string, types: MediaType[], now: number): StoredMedia | undefined {
    const media = this.findTemporary(mediaId, now) ?? this.permanent.get(mediaId);
    return media && types.includes(media.type) ? media : undefined;
  }

  /** A permanent image (or thumb): what draft articles take as thumb_media_id and newspic images. */
  findPermanentImage(mediaId: unknown): PermanentMedia | undefined {
    if (typeof mediaId !== 'string') return undefined;
    const media = this.permanent.get(mediaId);
    return media && (media.type === 'image' || media.type === 'thumb') ? media : undefined;
  }
}
