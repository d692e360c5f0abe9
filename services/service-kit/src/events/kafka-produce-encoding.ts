import { crc32c } from './crc32c';

/**
 * Produce requests encoded into one Buffer, byte for byte what kafkajs 2.2.4 would send.
 *
 * Why: kafkajs builds every record out of some fifty small Buffers (an Encoder of 512 zeroed bytes
 * per record and per header, a Buffer.from() per varint, a BigInt per timestamp delta): with the
 * nine CloudEvents headers of our events that was two thirds of the outbox relay's CPU, and the
 * relay runs on one core. Here each request is sized first, then written once, and its batches
 * are checksummed in place.
 *
 * How it plugs in: kafkajs looks the Produce request up at every send (Broker.produce ->
 * lookupRequest -> requests/produce `protocol({ version })`), so wrapping that function swaps only
 * the `encode` of versions 3 to 7 (one body, the version number aside). Anything this encoder does
 * not cover (compression, message timestamps, a value that is neither a Buffer, a string nor null,
 * a header value that is neither a Buffer nor a string) is left to kafkajs' own encoder, and so is a kafkajs of another version: these are its internals.
 * kafka-produce-encoding.spec.ts compares both encoders' bytes.
 */

interface KafkaMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, unknown>;
  timestamp?: string;
}

export interface ProduceArgs {
  acks: number;
  timeout: number;
  compression?: number;
  transactionalId?: string | null;
  producerId?: unknown;
  producerEpoch?: number;
  topicData: {
    topic: string;
    partitions: { partition: number; firstSequence?: number; messages: KafkaMessage[] }[];
  }[];
}

/** What kafkajs' request framing reads from an encoded body (its Encoder's `buf` and `buffer`). */
interface EncoderLike {
  buf: Buffer;
  offset: number;
  readonly buffer: Buffer;
}

type BuildProduce = (args: ProduceArgs) => { request: { encode(): Promise<EncoderLike> } };
interface ProduceRequests {
  protocol(options: { version: number }): BuildProduce | undefined;
}

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs internals, which have no typings */
const KAFKAJS_VERSION = (require('kafkajs/package.json') as { version: string }).version;
const produceRequests = require('kafkajs/src/protocol/requests/produce') as ProduceRequests;
const KafkaEncoder = require('kafkajs/src/protocol/encoder') as new (size?: number) => EncoderLike;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The kafkajs version whose Produce encoding this file reproduces. */
export const ENCODED_KAFKAJS_VERSION = '2.2.4';

const MAGIC = 2;
const TRANSACTIONAL = 16;
/** From partitionLeaderEpoch to the record count: the record batch header after its length. */
const BATCH_HEADER = 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;
/** Where the checksummed part starts, from partitionLeaderEpoch (the crc covers attributes onward). */
const CRC_FROM = 4 + 1 + 4;

const zigZag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

function varIntSize(n: number): number {
  let v = zigZag(n);
  let size = 1;
  while (v >= 0x80) {
    v >>>= 7;
    size += 1;
  }
  return size;
}

function writeVarInt(buf: Buffer, pos: number, n: number): number {
  let v = zigZag(n);
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/** An int64 as kafkajs accepts it (its Long, a bigint, a number or a decimal string). */
function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'bigint')
    return (value as { value: bigint }).value;
  return BigInt(value as number | string);
}

/**
 * A request's sizes in the order they are written (per record: its body size, key and value
 * lengths, header count, each header's key and value lengths; -1 for null), found while sizing and
 * read back while writing. One array for every request of the process (encoding is synchronous),
 * grown as needed: no garbage per record.
 */
class Sizes {
  private static shared = new Int32Array(1 << 16);
  private list = Sizes.shared;
  private length = 0;
  private next = 0;
  reserve(): number {
    if (this.length === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = Sizes.shared = grown;
    }
    return this.length++;
  }
  set(index: number, value: number): void {
    this.list[index] = value;
  }
  /** Records a varint-prefixed byte field (key, value, header key or value); returns its size. */
  field(value: unknown): number {
    const len =
      value === null || value === undefined
        ? -1
        : typeof value === 'string'
          ? Buffer.byteLength(value)
          : (value as Buffer).length;
    this.set(this.reserve(), len);
    return len < 0 ? 1 : varIntSize(len) + len;
  }
  read(): number {
    return this.list[this.next++]!;
  }
}

const isField = (v: unknown) => v === null || typeof v === 'string' || Buffer.isBuffer(v);

/**
 * Sizes one record (see Sizes), or returns undefined for what is left to kafkajs. An array header
 * value is one header per element, as kafkajs sends it.
 */
function measureRecord(m: KafkaMessage, offsetDelta: number, sizes: Sizes): number | undefined {
  if (m.timestamp !== undefined && m.timestamp !== null) return undefined;
  const key = m.key ?? null;
  if (!isField(key) || !isField(m.value)) return undefined;
  const bodyAt = sizes.reserve();
  // attributes, timestampDelta (always 0 here), offsetDelta, key, value
  let body = 1 + 1 + varIntSize(offsetDelta) + sizes.field(key) + sizes.field(m.value);
  const countAt = sizes.reserve();
  let count = 0;
  const sized = eachHeader(m.headers, (k, v) => {
    // kafkajs cannot size a null header value (it throws): its error, not ours.
    if (v === null || !isField(v)) return false;
    body += sizes.field(k) + sizes.field(v);
    count += 1;
    return true;
  });
  if (!sized) return undefined;
  sizes.set(countAt, count);
  body += varIntSize(count);
  sizes.set(bodyAt, body);
  return body;
}

/**
 * Visits a message's headers as kafkajs sends them (an array value is one header per element), in
 * the same order for measuring and for writing; stops, returning false, at the first `false`.
 */
function eachHeader(
  headers: Record<string, unknown> | undefined,
  visit: (key: string, value: unknown) => boolean,
): boolean {
  for (const k in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, k)) continue;
    const value = headers[k];
    if (!Array.isArray(value)) {
      if (!visit(k, value)) return false;
    } else for (const v of value) if (!visit(k, v)) return false;
  }
  return true;
}

/** Writes a field measured by `Sizes.field`. */
function writeField(buf: Buffer, pos: number, value: unknown, len: number): number {
  pos = writeVarInt(buf, pos, len);
  if (len <= 0) return pos;
  if (typeof value === 'string') {
    // A short ASCII string (as long in bytes as in chars) is cheaper copied here than by a native call.
    if (len === value.length && len <= 64) for (let i = 0; i < len; i++) buf[pos + i] = value.charCodeAt(i);
    else buf.write(value, pos, len, 'utf8');
  } else (value as Buffer).copy(buf, pos);
  return pos + len;
}

/** The body of a Produce request (v3 to v7), or undefined when kafkajs should encode it. */
export function encodeProduceRequest(args: ProduceArgs, now = Date.now()): EncoderLike | undefined {
  if ((args.compression ?? 0) !== 0) return undefined;
  const transactionalId = args.transactionalId ?? null;
  const sizes = new Sizes();
  const batchSizes: number[] = [];
  let total = 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId)) + 2 + 4 + 4;
  for (const topic of args.topicData) {
    total += 2 + Buffer.byteLength(topic.topic) + 4;
    for (const { messages } of topic.partitions) {
      let records = 0;
      for (let i = 0; i < messages.length; i++) {
        const body = measureRecord(messages[i]!, i, sizes);
        if (body === undefined) return undefined;
        records += varIntSize(body) + body;
      }
      batchSizes.push(BATCH_HEADER + records);
      total += 4 + 4 + 8 + 4 + BATCH_HEADER + records;
    }
  }

  const buf = Buffer.allocUnsafe(total);
  let pos = 0;
  if (transactionalId === null) pos = buf.writeInt16BE(-1, pos);
  else {
    pos = buf.writeInt16BE(Buffer.byteLength(transactionalId), pos);
    pos += buf.write(transactionalId, pos, 'utf8');
  }
  pos = buf.writeInt16BE(args.acks, pos);
  pos = buf.writeInt32BE(args.timeout, pos);
  pos = buf.writeInt32BE(args.topicData.length, pos);
  const producerId = toBigInt(args.producerId ?? -1);
  const attributes = transactionalId ? TRANSACTIONAL : 0;
  let batchIndex = 0;
  for (const topic of args.topicData) {
    pos = buf.writeInt16BE(Buffer.byteLength(topic.topic), pos);
    pos += buf.write(topic.topic, pos, 'utf8');
    pos = buf.writeInt32BE(topic.partitions.length, pos);
    for (const { partition, firstSequence = 0, messages } of topic.partitions) {
      const batchSize = batchSizes[batchIndex++]!;
      pos = buf.writeInt32BE(partition, pos);
      pos = buf.writeInt32BE(8 + 4 + batchSize, pos); // the record set's size
      pos = buf.writeBigInt64BE(0n, pos); // firstOffset
      pos = buf.writeInt32BE(batchSize, pos);
      const batchStart = pos;
      pos = buf.writeInt32BE(0, pos); // partitionLeaderEpoch
      pos = buf.writeInt8(MAGIC, pos);
      pos += 4; // the crc, once the rest is written
      pos = buf.writeInt16BE(attributes, pos);
      pos = buf.writeInt32BE(messages.length - 1, pos); // lastOffsetDelta
      pos = buf.writeBigInt64BE(BigInt(now), pos); // firstTimestamp
      pos = buf.writeBigInt64BE(BigInt(now), pos); // maxTimestamp
      pos = buf.writeBigInt64BE(producerId, pos);
      pos = buf.writeInt16BE(args.producerEpoch ?? 0, pos);
      pos = buf.writeInt32BE(firstSequence, pos);
      pos = buf.writeInt32BE(messages.length, pos);
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        pos = writeVarInt(buf, pos, sizes.read());
        buf[pos++] = 0; // attributes
        buf[pos++] = 0; // timestampDelta
        pos = writeVarInt(buf, pos, i);
        pos = writeField(buf, pos, m.key ?? null, sizes.read());
        pos = writeField(buf, pos, m.value, sizes.read());
        pos = writeVarInt(buf, pos, sizes.read());
        eachHeader(m.headers, (k, v) => {
          pos = writeField(buf, pos, k, sizes.read());
          pos = writeField(buf, pos, v, sizes.read());
          return true;
        });
      }
      buf.writeUInt32BE(crc32c(buf, batchStart + CRC_FROM, pos), batchStart + 5);
    }
  }
  const encoder = new KafkaEncoder(0);
  encoder.buf = buf;
  encoder.offset = pos;
  return encoder;
}

let installed = false;

/**
 * Makes kafkajs encode its Produce requests (v3 to v7) here, in this process. Returns false, and
 * changes nothing, for a kafkajs other than the one reproduced here.
 */
export function installProduceEncoding(): boolean {
  if (installed) return true;
  if (KAFKAJS_VERSION !== ENCODED_KAFKAJS_VERSION) return false;
  const protocol = produceRequests.protocol;
  produceRequests.protocol = (options) => {
    const build = protocol(options);
    if (!build || options.version < 3) return build;
    return (args) => {
      const built = build(args);
      const ownEncode = built.request.encode;
      const encode = async () => encodeProduceRequest(args) ?? ownEncode();
      return { ...built, request: { ...built.request, encode } };
    };
  };
  installed = true;
  return true;
}
