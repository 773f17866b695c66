import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from './backup';

const { Date: Day, DateTime, Duration, LocalDateTime, LocalTime, Point, Time } = neo4j.types;

// Compared by type, printed form and fields (whether a field is an Integer or a number does not reach Neo4j).
const fields = (value: object) =>
  JSON.stringify(value, (_key, inner) => (neo4j.isInt(inner) || typeof inner === 'number' ? String(inner) : inner));
const shape = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(shape);
  if (value instanceof Int8Array) return ['bytes', [...value]];
  if (typeof value === 'object' && value !== null) return [value.constructor.name, String(value), fields(value)];
  return [typeof value, Object.is(value, -0) ? '-0' : String(value)];
};

describe('backup value encoding', () => {
  it.each([
    ['a string', 'Æble – "quoted"\nnewline'],
    ['a boolean', true],
    ['a float', 0.1],
    ['a whole float', 2],
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['-0', -0],
    ['a 64-bit integer', neo4j.int('9223372036854775807')],
    ['a negative integer', neo4j.int(-42)],
    ['bytes', new Int8Array([0, -1, 127, -128])],
    ['a date', new Day(2026, 12, 1)],
    ['a date far out', new Day(-44, 3, 15)],
    ['a datetime with offset', new DateTime(2026, 11, 28, 10, 0, 0, 123456789, 3600)],
    ['a datetime in a zone', new DateTime(2026, 3, 29, 2, 30, 0, 1, 7200, 'Europe/Copenhagen')],
    ['a local datetime', new LocalDateTime(2026, 1, 2, 3, 4, 5, 6)],
    ['a time', new Time(23, 59, 59, 999999999, -18000)],
    ['a local time', new LocalTime(0, 0, 0, 0)],
    ['a duration', new Duration(14, 16, 12, 1)],
    ['a negative duration', new Duration(-13, -2, -3661, 999999999)],
    ['a 2D point', new Point(neo4j.int(4326), 12.57, 55.68)],
    ['a 3D point', new Point(neo4j.int(9157), 1, 2, 3.5)],
    ['a list of dates', [new Day(2026, 1, 1), new Day(2026, 1, 2)]],
    ['an empty list', []],
  ])('round-trips %s through JSON', (_name, value) => {
    const text = JSON.stringify(encodeValue(value));
    expect(shape(decodeValue(JSON.parse(text)))).toEqual(shape(value));
  });

  it('tags what plain JSON would lose', () => {
    expect(encodeValue(neo4j.int(123))).toEqual({ $int: '123' });
    expect(encodeValue(new Day(2026, 12, 1))).toEqual({ $date: '2026-12-01' });
    expect(encodeValue(-0)).toEqual({ $float: '-0' });
    expect(encodeValue(1.5)).toBe(1.5);
  });

  it('refuses values a backup would not have written', () => {
    for (const bad of [
      { $int: '9223372036854775808' },
      { $int: '1.5' },
      { $float: '1e3' },
      { $date: 'yesterday' },
      { $bytes: 'not base64!' },
      { $point: { srid: 4326, x: '1', y: 2 } },
      { $unknown: 'x' },
      { $int: '1', extra: true },
      null,
      { name: 'a map' },
    ]) {
      expect(() => decodeValue(bad), JSON.stringify(bad)).toThrow(/not a backed-up value/);
    }
  });
});
