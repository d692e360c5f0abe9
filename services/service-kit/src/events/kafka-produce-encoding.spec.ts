import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { crc32c } from './crc32c';
import { KeyHashPartitioner, murmur2 } from './kafka-partitioner';
import {
  ENCODED_KAFKAJS_VERSION,
  encodeProduceRequest,
  installProduceEncoding,
  type ProduceArgs,
} from './kafka-produce-encoding';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs internals, compared byte for byte */
const kafkajsProduceV3 = require('kafkajs/src/protocol/requests/produce/v3/request') as (
  args: ProduceArgs,
) => { encode(): Promise<{ buffer: Buffer }> };
const kafkajsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (k: unknown) => number;
const Long = require('kafkajs/src/utils/long') as { fromValue(v: unknown): unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

const NOW = 1_767_225_600_123;

/** An outbox event as the relay publishes it: key, protobuf value, nine CloudEvents headers. */
function eventMessage(key: string) {
  const id = randomUUID();
  return {
    key,
    value: randomBytes(250),
    headers: {
      ce_specversion: '1.0',
      ce_id: id,
      ce_type: 'fidu.clients.v1.ClientUpdated',
      ce_source: 'clients',
      ce_time: new Date(NOW).toISOString(),
      ce_tenant: 'office-é',
      ce_correlationid: id,
      ce_subject: key,
      'content-type': 'application/protobuf',
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    },
  };
}

async function kafkajsBytes(args: ProduceArgs): Promise<Buffer> {
  const now = jest.spyOn(Date, 'now').mockReturnValue(NOW);
  try {
    return Buffer.from((await kafkajsProduceV3(args).encode()).buffer);
  } finally {
    now.mockRestore();
  }
}

const ours = (args: ProduceArgs) => Buffer.from(encodeProduceRequest(args, NOW)!.buffer);

describe('Produce requests encoded in one buffer, as kafkajs 2.2.4 encodes them', () => {
  it('encodes event records over topics and partitions byte for byte as kafkajs does', async () => {
    const args: ProduceArgs = {
      acks: -1,
      timeout: 30_000,
      producerId: Long.fromValue(4711),
      producerEpoch: 3,
      topicData: [
        {
          topic: 'fidu.clients.client',
          partitions: [
            // 200 records: offset deltas past one varint byte
            {
              partition: 0,
              firstSequence: 1_234,
              messages: Array.from({ length: 200 }, () => eventMessage(randomUUID())),
            },
            { partition: 2, firstSequence: 0, messages: [eventMessage('k')] },
          ],
        },
        { topic: 'fidu.mandates.mandate', partitions: [{ partition: 1, messages: [eventMessage('m')] }] },
      ],
    };
    expect(ours(args).equals(await kafkajsBytes(args))).toBe(true);
  });

  it('encodes the unusual fields as kafkajs does: null key or value, Buffer and array headers, large and non-ASCII values', async () => {
    const messages = [
      { key: null, value: 'plain string value', headers: {} },
      { key: Buffer.from([0, 1, 2]), value: null },
      { key: 'ключ', value: 'é'.repeat(10_000), headers: { multi: ['a', 'bb'], raw: Buffer.from('xyz') } },
      { key: 'big', value: randomBytes(300_000), headers: { h: 'ü' } },
    ];
    const args: ProduceArgs = {
      acks: 1,
      timeout: 5_000,
      transactionalId: 'tx-1',
      producerId: '9007199254740993',
      topicData: [{ topic: 'tópico', partitions: [{ partition: 7, firstSequence: 5, messages }] }],
    };
    expect(ours(args).equals(await kafkajsBytes(args))).toBe(true);
  });

  it('leaves compressed batches, records with their own timestamp and null header values to kafkajs', () => {
    const messages = [eventMessage('k')];
    const topicData = [{ topic: 't', partitions: [{ partition: 0, messages }] }];
    expect(encodeProduceRequest({ acks: -1, timeout: 1, compression: 1, topicData })).toBeUndefined();
    const stamped = [{ ...eventMessage('k'), timestamp: String(NOW) }];
    const withTimestamp = [{ topic: 't', partitions: [{ partition: 0, messages: stamped }] }];
    expect(encodeProduceRequest({ acks: -1, timeout: 1, topicData: withTimestamp })).toBeUndefined();
    const nullHeader = [{ key: 'k', value: 'v', headers: { h: null } }];
    const withNullHeader = [{ topic: 't', partitions: [{ partition: 0, messages: nullHeader }] }];
    expect(encodeProduceRequest({ acks: -1, timeout: 1, topicData: withNullHeader })).toBeUndefined();
  });

  it('is installed into kafkajs, whose own request then carries these bytes', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('kafkajs/package.json').version).toBe(ENCODED_KAFKAJS_VERSION);
    expect(installProduceEncoding()).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const produce = require('kafkajs/src/protocol/requests/produce');
    const args: ProduceArgs = {
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [eventMessage('k')] }] }],
    };
    const now = jest.spyOn(Date, 'now').mockReturnValue(NOW);
    try {
      for (const version of [3, 5, 7]) {
        const { request } = produce.protocol({ version })(args);
        expect(request.apiVersion).toBe(version);
        expect(Buffer.from((await request.encode()).buffer).equals(ours(args))).toBe(true);
      }
    } finally {
      now.mockRestore();
    }
  });

  it('computes the batch checksum (CRC-32C) as kafkajs does, at every length and offset', () => {
    for (const length of [0, 1, 7, 8, 9, 63, 64, 65, 1_000, 100_003]) {
      const buf = randomBytes(length + 5);
      expect(crc32c(buf, 5)).toBe(kafkajsCrc32c(buf.subarray(5)));
    }
  });
});

describe('partitioning by key, as kafkajs DefaultPartitioner does', () => {
  it('hashes keys with the same murmur2', () => {
    const keys = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'ключ-é',
      ...Array.from({ length: 500 }, () => randomUUID()),
      ...Array.from({ length: 100 }, (_, i) => randomBytes(i).toString('base64')),
    ];
    for (const key of keys) expect(murmur2(Buffer.from(key))).toBe(kafkajsMurmur2(key));
  });

  it('sends every keyed record to the partition kafkajs would', () => {
    const ours = KeyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 6, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({
        partitionId: i,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (let i = 0; i < 300; i++) {
        const key = i % 2 ? randomUUID() : randomBytes(20);
        const args = { topic: 't', partitionMetadata, message: { key, value: null } };
        expect(ours(args)).toBe(theirs(args));
      }
    }
  });
});
