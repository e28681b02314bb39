// Kinesis sequence numbers as AWS shapes them: a 56-digit decimal that is a
// 47-digit hexadecimal underneath. The hex layout (version 2, as captured from
// real streams by kinesalite's author) is, left to right:
//
//   '2' | shard creation time, s (9) | shard index, last nibble (1) |
//   per-shard counter (16) | '00' | arrival time, s (9) | shard index (8) | '2'
//
// Within a shard only the counter and arrival time change, and the counter
// comes first, so numbers grow with every record, as AWS promises.

export interface SequenceParts {
  /** Milliseconds; only whole seconds survive the encoding. */
  shardCreatedAt: number;
  shardIndex: number;
  /** The record's position in its shard, from 0. */
  counter: number;
  /** Milliseconds; only whole seconds survive the encoding. */
  arrivedAt: number;
}

const HEX_DIGITS = 47;

const hex = (value: number | bigint, width: number) => value.toString(16).padStart(width, '0').slice(-width);

export function encodeSequenceNumber({ shardCreatedAt, shardIndex, counter, arrivedAt }: SequenceParts): string {
  const digits =
    '2' +
    hex(Math.floor(shardCreatedAt / 1000), 9) +
    hex(shardIndex % 16, 1) +
    hex(BigInt(counter), 16) +
    '00' +
    hex(Math.floor(arrivedAt / 1000), 9) +
    hex(shardIndex, 8) +
    '2';
  return BigInt(`0x${digits}`).toString(10);
}

/** The parts of a sequence number, or undefined when it is not one this sandbox could have issued. */
export function decodeSequenceNumber(sequenceNumber: string): SequenceParts | undefined {
  if (!/^[1-9]\d{0,128}$/.test(sequenceNumber)) return undefined;
  const digits = BigInt(sequenceNumber).toString(16);
  if (digits.length !== HEX_DIGITS || !digits.startsWith('2') || !digits.endsWith('2')) return undefined;
  const field = (start: number, length: number) => parseInt(digits.slice(start, start + length), 16);
  const counter = Number(BigInt(`0x${digits.slice(11, 27)}`));
  if (!Number.isSafeInteger(counter)) return undefined;
  return {
    shardCreatedAt: field(1, 9) * 1000,
    shardIndex: field(38, 8),
    counter,
    arrivedAt: field(29, 9) * 1000,
  };
}
