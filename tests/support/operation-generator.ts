import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  parse,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  Source,
  TokenKind,
  TypeMetaFieldDef,
} from 'graphql';
import type { Executor } from '../../graph/executor';
import { LIST_ESTIMATE } from '../../src/api/cost';
import { notTestData } from './graph';

/**
 * Generates GraphQL operations from the schema itself: for every root type the schema has (Query,
 * Mutation), selections of random depth over its fields, arguments with real values read from the
 * graph, hostile values of the right type, and values of the wrong type; operations over the
 * API's limits and exactly at them; garbage documents; and HTTP requests of the wrong shape. Each
 * operation says what a correct server answers (`expect`), derived from how it was built and from
 * an independent reading of the document against the documented limits (`analyse`).
 *
 * Everything comes from one seeded PRNG, so a seed reproduces the same operations.
 */

// ---------------------------------------------------------------------------------------------
// Randomness

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  some<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length > 0)
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
}

/** A seed from GEN_SEED: a number as it is, any other text hashed. */
export function seedFrom(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) >>> 0;
  let hash = 2_166_136_261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16_777_619) >>> 0;
  return hash;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Values that exist in the graph, read at the start of a run. */
export interface RealValues {
  companySlugs: string[];
  productSlugs: string[];
  needSlugs: string[];
  regionCodes: string[];
  municipalityCodes: string[];
  sectorCodes: string[];
  categoryCodes: string[];
  csfFunctionCodes: string[];
  certificationCodes: string[];
  languages: string[];
  /** Words from names, for search queries. */
  words: string[];
}

/** A literal printed as it is inline (a float, a number JavaScript cannot hold), and `json` in variables. */
class Raw {
  constructor(
    readonly text: string,
    readonly json: unknown,
  ) {}
}

/** A string printed as a string literal even where an enum value is expected. */
class Quoted {
  constructor(readonly text: string) {}
}

const LONG = 'x'.repeat(10_000);

/** Strings of the right type that a careless server could choke on. None contains the words neo4j or bolt. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1 --",
  '" OR ""="',
  '") MATCH (n) DETACH DELETE n //',
  "'}) RETURN 1 UNION MATCH (n) RETURN n //",
  '`) CALL db.labels() YIELD label RETURN label //',
  "'; DROP TABLE companies; --",
  'LOAD CSV FROM "file:///etc/passwd" AS line RETURN line',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%00',
  '\u0000',
  'a\u0000b',
  'æøå ÆØÅ',
  '🔥💥🛡️👩‍💻',
  '\u202Egnp.exe',
  'שלום עולם مرحبا',
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  'Z̴̡̛͈a̷l̸g̶o̵',
  '',
  ' ',
  '\n\r\t',
  '\\',
  '"',
  "'",
  '`',
  '*',
  '?',
  '~',
  '-',
  '--',
  'a-',
  '-a',
  'AND OR NOT',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '{"$gt": ""}',
  '$where',
  'a'.repeat(101),
  'a'.repeat(201),
  'no-such-listing-9f3c',
  'backup-og-gendannelse-x',
  'UPPER-CASE',
  'SEC-',
  '0000',
  '9999',
  '1084; 101',
  LONG,
  'æ'.repeat(5_000),
];

/** Strings JSON can carry but a GraphQL string literal cannot (a lone surrogate): variables only. */
const VARIABLE_ONLY_STRINGS: readonly string[] = ['\uD800', 'x\uDC00y', '\uDBFF'];

/** Ints of the right type (32-bit) at and past every boundary the API might have. */
const HOSTILE_INTS: readonly number[] = [
  -2_147_483_648, -1, 0, 1, 2, 49, 50, 51, 99, 100, 101, 200, 9_999, 10_000, 10_001, 65_536, 2_147_483_647,
];

const HOSTILE_FLOATS: readonly number[] = [-1e308, -1, 0, 1e-300, 1.5, 1e308];

// ---------------------------------------------------------------------------------------------
// Analysis: an independent reading of a document against the documented limits

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 50_000,
} as const;

/** Object and interface types have fields; a union only has members. */
type Fielded = GraphQLObjectType | GraphQLInterfaceType;
const hasFields = (type: unknown): type is Fielded => isObjectType(type) || isInterfaceType(type);

const scopesOf = (thing: { extensions?: unknown } | null | undefined): unknown =>
  (thing?.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes;

/**
 * Whether a field or type needs more than an anonymous visitor has: its auth scopes (Pothos
 * scope-auth, read from the schema) are anything but `{ public: true }`.
 */
export function isRestricted(thing: { extensions?: unknown } | null | undefined): boolean {
  const scopes = scopesOf(thing);
  if (scopes === undefined) return false;
  if (scopes && typeof scopes === 'object') {
    const keys = Object.keys(scopes);
    return !(keys.length === 1 && (scopes as Record<string, unknown>).public === true);
  }
  return true;
}

export interface Analysis {
  parsed: boolean;
  /** Tokens up to the end, or up to the first one the lexer cannot read. */
  tokens: number;
  lexed: boolean;
  depth?: number;
  aliases?: number;
  /** Cost of the operation that runs, by the cost model of src/api/cost.ts; undefined when the variables or arguments are invalid. */
  cost?: number;
  /**
   * The operation that runs selects a field an anonymous visitor may not resolve: at its root
   * (so it must be refused), or below or under a directive (so it is refused if it is reached).
   */
  restricted?: 'root' | 'nested';
}

/** Tokens as the max-tokens rule counts them: every lexer token but <EOF> (commas and comments are not tokens). */
export function countTokens(document: string): { tokens: number; lexed: boolean } {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
    return { tokens, lexed: true };
  } catch {
    return { tokens, lexed: false };
  }
}

/**
 * Depth as the limit is documented and enforced (graphql-armor max-depth, fragments not flattened):
 * every field and fragment level counts, the `__schema` introspection subtree does not.
 */
function depthOf(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const visited = new Map<string, number>();
  type Node = OperationDefinitionNode | FragmentDefinitionNode | SelectionSetNode['selections'][number];
  const count = (node: Node, parentDepth: number): number => {
    if (node.kind === Kind.FIELD && node.name.value === '__schema') return 0;
    let depth = parentDepth;
    if ('selectionSet' in node && node.selectionSet) {
      for (const child of node.selectionSet.selections) depth = Math.max(depth, count(child, parentDepth + 1));
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const spreadDepth = parentDepth + 1;
      const known = visited.get(node.name.value);
      if (known !== undefined) return spreadDepth + known;
      visited.set(node.name.value, -1);
      const fragment = fragments.get(node.name.value);
      if (fragment) {
        const fragmentDepth = count(fragment, 0);
        depth = Math.max(depth, spreadDepth + fragmentDepth);
        if (visited.get(node.name.value) === -1) visited.set(node.name.value, fragmentDepth);
      }
    }
    return depth;
  };
  return Math.max(0, ...operationsOf(document).map((operation) => count(operation, 0)));
}

/** Aliases per operation (the largest), `__typename` not counted, fragments counted where they are spread. */
function aliasesOf(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const visited = new Map<string, number>();
  type Node = OperationDefinitionNode | FragmentDefinitionNode | SelectionSetNode['selections'][number];
  const count = (node: Node): number => {
    let aliases = 0;
    if (
      node.kind === Kind.FIELD &&
      node.alias &&
      node.alias.value !== '__typename' &&
      node.name.value !== '__typename'
    ) {
      aliases += 1;
    }
    if ('selectionSet' in node && node.selectionSet) {
      for (const child of node.selectionSet.selections) aliases += count(child);
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const known = visited.get(node.name.value);
      if (known !== undefined) return known;
      visited.set(node.name.value, -1);
      const fragment = fragments.get(node.name.value);
      if (fragment) {
        const inner = count(fragment);
        if (visited.get(node.name.value) === -1) visited.set(node.name.value, inner);
        aliases += inner;
      }
    }
    return aliases;
  };
  return Math.max(0, ...operationsOf(document).map((operation) => count(operation)));
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const out = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) out.set(definition.name.value, definition);
  }
  return out;
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
}

type ComplexityOption =
  | number
  | { field?: number; multiplier?: number }
  | ((
      args: Record<string, unknown>,
      context: unknown,
      field: unknown,
    ) => number | { field?: number; multiplier?: number });

/**
 * The cost model of src/api/cost.ts, read from the schema: a field costs its `field` (1), and
 * what is selected under it is multiplied by its multiplier (a page's `limit`, a list's estimate).
 */
function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): number | undefined {
  const operations = operationsOf(document);
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((candidate) => candidate.name?.value === operationName);
  if (!operation) return undefined;
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const fragments = fragmentsOf(document);
  const ofSet = (set: SelectionSetNode, type: GraphQLNamedType): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += ofField(selection, type);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (!on) throw new Error('unknown type');
        total += ofSet(selection.selectionSet, on);
      } else {
        const fragment = fragments.get(selection.name.value);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !on) throw new Error('unknown fragment');
        total += ofSet(fragment.selectionSet, on);
      }
    }
    return total;
  };
  const ofField = (node: FieldNode, parent: GraphQLNamedType): number => {
    const field = hasFields(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) {
      if (node.name.value.startsWith('__')) return 1;
      throw new Error('unknown field');
    }
    let option = (field.extensions as { complexity?: ComplexityOption }).complexity;
    if (typeof option === 'function') option = option(getArgumentValues(field, node, coerced.coerced), {}, field);
    const own = typeof option === 'number' ? option : (option?.field ?? 1);
    const multiplier =
      typeof option === 'object' && option.multiplier !== undefined
        ? option.multiplier
        : isListType(getNullableType(field.type))
          ? LIST_ESTIMATE
          : 1;
    const below = node.selectionSet ? ofSet(node.selectionSet, getNamedType(field.type)) * Math.max(multiplier, 0) : 0;
    return own + below;
  };
  try {
    return ofSet(operation.selectionSet, root);
  } catch {
    return undefined;
  }
}

/** Where the operation that runs selects a restricted field or type, if anywhere. */
function restrictionOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): Analysis['restricted'] {
  const operations = operationsOf(document);
  const operation =
    operationName === undefined
      ? operations[0]
      : operations.find((candidate) => candidate.name?.value === operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = fragmentsOf(document);
  let found: Analysis['restricted'];
  const mark = (atRoot: boolean) => {
    if (atRoot) found = 'root';
    else found ??= 'nested';
  };
  const visit = (set: SelectionSetNode, type: GraphQLNamedType, atRoot: boolean, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = hasFields(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        // A root field under @skip or @include may not run: counted as one that may not be reached.
        if (isRestricted(field) || isRestricted(named)) mark(atRoot && !selection.directives?.length);
        if (selection.selectionSet) visit(selection.selectionSet, named, false, seen);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
      const inner = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
      const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (!on) continue;
      if (on !== type && isRestricted(on)) mark(false);
      visit(fragment.selectionSet, on, atRoot, inner);
    }
  };
  visit(operation.selectionSet, root, true, new Set());
  return found;
}

export function analyse(
  schema: GraphQLSchema,
  document: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Analysis {
  const { tokens, lexed } = countTokens(document);
  let parsed: DocumentNode;
  try {
    parsed = parse(document, { noLocation: true });
  } catch {
    return { parsed: false, tokens, lexed };
  }
  const analysis: Analysis = { parsed: true, tokens, lexed, depth: depthOf(parsed), aliases: aliasesOf(parsed) };
  const cost = costOf(schema, parsed, variables, operationName);
  if (cost !== undefined) analysis.cost = cost;
  const restricted = restrictionOf(schema, parsed, operationName);
  if (restricted) analysis.restricted = restricted;
  return analysis;
}

// ---------------------------------------------------------------------------------------------
// Operations and what a correct server answers

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** The request as the server's fetch handler takes it (no body on GET or HEAD). */
export function toRequest({ method, url, headers, body }: HttpRequestSpec): Request {
  return new Request(url, {
    method,
    headers,
    ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
}

export type Expectation =
  /** Data, and no error at all. */
  | { outcome: 'data' }
  /** Errors, each with one of `codes`, and at least one of `mustInclude` when given. */
  | { outcome: 'refused'; codes: readonly string[]; mustInclude?: readonly string[] }
  /** Either data without errors, or a refusal as above ('any': errors with any code). */
  | { outcome: 'either'; codes: readonly string[] | 'any' }
  /** A request of the wrong shape: a status in [min, max] and errors with one of `codes` ('any': any code). */
  | { outcome: 'http'; status: readonly [number, number]; codes: readonly string[] | 'any'; dataAllowed?: boolean };

export interface GeneratedOperation {
  id: number;
  /** What was generated, e.g. 'real', 'hostile', 'invalid:unknown-arg', 'limit:depth', 'http:get-no-csrf'. */
  category: string;
  /** The root operation type (query, mutation) or 'document'/'http' for garbage and wrong HTTP shapes. */
  root: 'query' | 'mutation' | 'subscription' | 'document' | 'http';
  request: HttpRequestSpec;
  expect: Expectation;
  analysis?: Analysis;
}

export const CODES = {
  VALIDATION: 'GRAPHQL_VALIDATION_FAILED',
  PARSE: 'GRAPHQL_PARSE_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  DEEP: 'QUERY_TOO_DEEP',
  ALIASES: 'TOO_MANY_ALIASES',
  LARGE: 'QUERY_TOO_LARGE',
  COSTLY: 'QUERY_TOO_COSTLY',
  NOT_SUPPORTED: 'OPERATION_NOT_SUPPORTED',
  RESOLUTION: 'OPERATION_RESOLUTION_FAILURE',
  CSRF: 'CSRF_HEADER_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
} as const;

/** What an anonymous visitor gets for a field it may not resolve (or an object that is not there). */
const DENIED: readonly string[] = [CODES.FORBIDDEN, CODES.NOT_FOUND];

/** Every code a document that is not a valid operation may get. */
const DOCUMENT_CODES: readonly string[] = [
  CODES.PARSE,
  CODES.VALIDATION,
  CODES.LARGE,
  CODES.DEEP,
  CODES.ALIASES,
  CODES.COSTLY,
  CODES.BAD_USER_INPUT,
  CODES.BAD_REQUEST,
  CODES.RESOLUTION,
  CODES.NOT_SUPPORTED,
];

type Intent =
  | { kind: 'real' }
  | { kind: 'hostile' }
  | { kind: 'invalid'; codes: readonly string[] }
  | { kind: 'refused'; codes: readonly string[] }
  | { kind: 'either'; codes: readonly string[] }
  | { kind: 'mutation' };

/** What a correct server answers to a document built with `intent`, given the limits. */
function expectationFor(intent: Intent, analysis: Analysis): Expectation {
  if (analysis.tokens > LIMITS.maxTokens) {
    // A document that does not parse fails at its first error, which may come before the limit.
    return analysis.parsed
      ? { outcome: 'refused', codes: [CODES.LARGE], mustInclude: [CODES.LARGE] }
      : { outcome: 'refused', codes: [CODES.LARGE, CODES.PARSE] };
  }
  if (!analysis.parsed) {
    return intent.kind === 'either'
      ? { outcome: 'either', codes: intent.codes }
      : { outcome: 'refused', codes: [CODES.PARSE] };
  }
  const limits = [
    ...((analysis.depth ?? 0) > LIMITS.maxDepth ? [CODES.DEEP] : []),
    ...((analysis.aliases ?? 0) > LIMITS.maxAliases ? [CODES.ALIASES] : []),
  ];
  if (limits.length > 0) return { outcome: 'refused', codes: limits, mustInclude: limits };
  switch (intent.kind) {
    case 'mutation':
      if (analysis.cost !== undefined && analysis.cost > LIMITS.maxCost) {
        return { outcome: 'refused', codes: [CODES.COSTLY, CODES.BAD_USER_INPUT] };
      }
      // Sent anonymously: a mutation that needs a login must be refused, whatever its values.
      return analysis.restricted === 'root'
        ? { outcome: 'refused', codes: [...DENIED, CODES.BAD_USER_INPUT] }
        : { outcome: 'either', codes: 'any' };
    case 'invalid':
      return { outcome: 'refused', codes: intent.codes };
    case 'refused':
      return { outcome: 'refused', codes: intent.codes };
    case 'either':
      return { outcome: 'either', codes: intent.codes };
    case 'hostile': {
      const denied = analysis.restricted ? DENIED : [];
      return analysis.cost !== undefined && analysis.cost > LIMITS.maxCost
        ? { outcome: 'refused', codes: [CODES.COSTLY, CODES.BAD_USER_INPUT, ...denied] }
        : { outcome: 'either', codes: [CODES.BAD_USER_INPUT, ...denied] };
    }
    case 'real':
      if (analysis.cost === undefined) return { outcome: 'either', codes: [CODES.BAD_USER_INPUT, CODES.COSTLY] };
      if (analysis.cost > LIMITS.maxCost)
        return { outcome: 'refused', codes: [CODES.COSTLY], mustInclude: [CODES.COSTLY] };
      // Sent anonymously: a restricted root field must be refused; one below may be unreachable (null parent).
      if (analysis.restricted === 'root') return { outcome: 'refused', codes: DENIED };
      if (analysis.restricted) return { outcome: 'either', codes: DENIED };
      return { outcome: 'data' };
  }
}

// ---------------------------------------------------------------------------------------------
// Building documents

type Mode = 'real' | 'hostile';

/** Ways to make a document invalid, and the code each must get. */
const CORRUPTIONS = {
  'arg-inline': [CODES.VALIDATION],
  'arg-variable': [CODES.BAD_USER_INPUT],
  'missing-variable': [CODES.BAD_USER_INPUT],
  'variable-unknown-input-field': [CODES.BAD_USER_INPUT],
  // A nullable variable given null for a non-null argument that has a default: refused while
  // arguments are read; BAD_REQUEST is what the API says for it today.
  'null-into-defaulted': [CODES.BAD_USER_INPUT, CODES.BAD_REQUEST],
  'unknown-arg': [CODES.VALIDATION],
  'missing-required-arg': [CODES.VALIDATION],
  'duplicate-arg': [CODES.VALIDATION],
  'wrong-variable-type': [CODES.VALIDATION],
  'unknown-field': [CODES.VALIDATION],
  'leaf-subselection': [CODES.VALIDATION],
  'object-without-selection': [CODES.VALIDATION],
  'unknown-directive': [CODES.VALIDATION],
  'bad-include': [CODES.VALIDATION],
  'undefined-variable': [CODES.VALIDATION],
  'unused-variable': [CODES.VALIDATION],
  'unknown-variable-type': [CODES.VALIDATION],
  'unknown-fragment': [CODES.VALIDATION],
  'fragment-on-unknown-type': [CODES.VALIDATION],
} as const satisfies Record<string, readonly string[]>;
type Corruption = keyof typeof CORRUPTIONS;
/** Applied when the document is assembled; every other one where a field or argument allows it. */
const DOCUMENT_CORRUPTIONS: readonly Corruption[] = [
  'unused-variable',
  'unknown-variable-type',
  'fragment-on-unknown-type',
];
const ARG_CORRUPTIONS: readonly Corruption[] = [
  'arg-inline',
  'arg-variable',
  'missing-variable',
  'variable-unknown-input-field',
  'null-into-defaulted',
  'unknown-arg',
  'missing-required-arg',
  'duplicate-arg',
  'wrong-variable-type',
];

interface Variable {
  type: string;
  value?: unknown;
  /** Not sent in `variables`. */
  omit?: boolean;
}

interface BuildOptions {
  mode: Mode;
  /** Levels of fields the operation should have at most. */
  maxDepth: number;
  /** When set, one branch goes exactly this deep. */
  exactDepth?: number;
  /** Fields per selection set at most (root: at most 3). */
  breadth: number;
  aliasChance: number;
  variableChance: number;
  corruption?: Corruption;
  /** Prefer root fields that take arguments. */
  preferArgs: boolean;
  /** Largest `limit` for real values. */
  maxLimit: number;
  /** Real limits from the top of the range rather than mostly small ones. */
  bigLimits?: boolean;
}

class DocumentBuilder {
  readonly variables = new Map<string, Variable>();
  readonly fragments: string[] = [];
  private counter = 0;
  corruption: Corruption | undefined;
  corrupted = false;

  constructor(
    private readonly gen: OperationGenerator,
    readonly options: BuildOptions,
  ) {
    this.corruption = options.corruption;
  }

  private get rng() {
    return this.gen.rng;
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** Consumes the corruption when it is `name`. */
  private take(name: Corruption): boolean {
    if (this.corruption !== name || this.corrupted) return false;
    this.corrupted = true;
    return true;
  }

  selectionSet(type: Fielded, levels: number, exact: number, isRoot = false): string {
    const rng = this.rng;
    const all = Object.values(type.getFields());
    // Fields an anonymous visitor may not resolve are refused whole; most operations leave them out
    // so that what they select is answered (and checked).
    const open = all.filter((field) => !isRestricted(field) && !isRestricted(getNamedType(field.type)));
    const fields = open.length > 0 && rng.chance(0.85) ? open : all;
    const items: string[] = [];
    const used = new Set<string>();
    if (exact > 1) {
      const deep = fields.filter((field) => {
        const named = getNamedType(field.type);
        return isCompositeType(named) && this.gen.reach(named) >= exact - 1;
      });
      if (deep.length > 0) {
        const field = rng.pick(deep);
        items.push(this.field(field, levels, exact));
        used.add(field.name);
      }
    }
    let wanted = isRoot ? rng.int(1, Math.min(3, this.options.breadth)) : rng.int(1, this.options.breadth);
    if (isRoot && this.options.preferArgs && items.length === 0) {
      const withArgs = fields.filter((field) => field.args.length > 0);
      if (withArgs.length > 0 && rng.chance(0.85)) {
        const field = rng.pick(withArgs);
        items.push(this.field(field, levels, 0));
        used.add(field.name);
        wanted -= 1;
      }
    }
    for (let i = 0; i < wanted * 2 && items.length < Math.max(1, wanted + (exact > 1 ? 1 : 0)); i += 1) {
      const field = rng.pick(fields);
      if (used.has(field.name)) continue;
      const isObject = isCompositeType(getNamedType(field.type));
      if (isObject && levels < 2) continue;
      // Deeper levels select fewer objects, so that most operations stay within the cost limit.
      if (isObject && !isRoot && !rng.chance(0.55)) continue;
      used.add(field.name);
      items.push(this.field(field, levels, 0));
    }
    if (items.length === 0) {
      const leaves = fields.filter((field) => !isCompositeType(getNamedType(field.type)));
      const field = leaves.length > 0 ? rng.pick(leaves) : rng.pick(fields);
      items.push(this.field(field, levels, 0));
    }
    if (rng.chance(0.08)) items.push(rng.chance(0.5) ? '__typename' : `${this.fresh('t')}: __typename`);
    // A named fragment or an inline fragment around some leaves: each adds levels.
    const leafNames = fields.filter((field) => !isCompositeType(getNamedType(field.type)) && field.args.length === 0);
    if (levels >= 3 && leafNames.length > 0 && rng.chance(0.06)) {
      const name = this.fresh('F');
      const picked = rng.some(leafNames, rng.int(1, 3)).map((field) => field.name);
      this.fragments.push(`fragment ${name} on ${type.name} { ${picked.join(' ')} }`);
      items.push(`...${name}`);
    } else if (levels >= 2 && leafNames.length > 0 && rng.chance(0.06)) {
      const picked = rng.some(leafNames, rng.int(1, 3)).map((field) => field.name);
      items.push(`... on ${type.name} { ${picked.join(' ')} }`);
    }
    this.corruptSelection(type, items, isRoot);
    return items.join(' ');
  }

  private corruptSelection(type: Fielded, items: string[], isRoot: boolean) {
    const rng = this.rng;
    if (this.take('unknown-field'))
      items.splice(rng.int(0, items.length), 0, `${rng.pick(['nope', 'password', 'secret', '_id'])}${this.counter}`);
    else if (this.take('unknown-directive'))
      items.push(`__typename @${rng.pick(['evil', 'deprecated', 'specifiedBy'])}`);
    else if (this.take('bad-include'))
      items.push(`__typename @include(if: ${rng.pick(['"yes"', '1', 'null', 'TRUE'])})`);
    else if (this.take('undefined-variable')) items.push(`__typename @skip(if: $undefined${this.counter})`);
    else if (this.take('unknown-fragment')) items.push(`...Missing${this.counter}`);
    else if (!isRoot || rng.chance(0.5)) {
      const fields = Object.values(type.getFields());
      const leaves = fields.filter((field) => !isCompositeType(getNamedType(field.type)) && field.args.length === 0);
      const objects = fields.filter((field) => isCompositeType(getNamedType(field.type)) && field.args.length === 0);
      if (leaves.length > 0 && this.take('leaf-subselection')) items.push(`${rng.pick(leaves).name} { code }`);
      else if (objects.length > 0 && this.take('object-without-selection')) items.push(rng.pick(objects).name);
    }
  }

  field(field: GraphQLField<unknown, unknown>, levels: number, exact: number): string {
    const rng = this.rng;
    const alias = rng.chance(this.options.aliasChance) ? `${this.fresh('a')}: ` : '';
    const args = this.args(field);
    const named = getNamedType(field.type);
    const directive = rng.chance(0.04) ? this.directive() : '';
    const head = `${alias}${field.name}${args}${directive}`;
    if (hasFields(named)) {
      const own = this.selectionSet(named, levels - 1, Math.max(0, exact - 1));
      const more = isInterfaceType(named) && rng.chance(0.5) ? ` ${this.members(named, levels - 1, 0)}` : '';
      return `${head} { ${own}${more} }`;
    }
    if (isUnionType(named)) return `${head} { __typename ${this.members(named, levels - 1, Math.max(0, exact - 1))} }`;
    return head;
  }

  /** Inline fragments on some of the types an abstract type may be (each a level deeper). */
  private members(type: GraphQLCompositeType, levels: number, exact: number): string {
    const rng = this.rng;
    if (levels < 2 || isObjectType(type)) return '';
    const possible = this.gen.schema.getPossibleTypes(type);
    const chosen = rng.some(possible, rng.int(1, possible.length));
    return chosen
      .map(
        (member, i) =>
          `... on ${member.name} { ${this.selectionSet(member, levels - 1, i === 0 ? Math.max(0, exact - 1) : 0)} }`,
      )
      .join(' ');
  }

  private directive(): string {
    const rng = this.rng;
    const which = rng.pick(['include', 'skip']);
    if (rng.chance(0.5)) {
      const name = this.fresh('b');
      this.variables.set(name, { type: 'Boolean!', value: rng.chance(0.5) });
      return ` @${which}(if: $${name})`;
    }
    return ` @${which}(if: ${which === 'include'})`;
  }

  args(field: GraphQLField<unknown, unknown>): string {
    const rng = this.rng;
    const parts: string[] = [];
    const args = [...field.args];
    const required = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (args.some(required) && this.take('missing-required-arg')) {
      args.splice(args.findIndex(required), 1);
    }
    for (const arg of args) {
      const pending = this.corruption !== undefined && !this.corrupted && ARG_CORRUPTIONS.includes(this.corruption);
      if (!required(arg) && !pending && rng.chance(0.45)) continue;
      const context = { field: field.name, name: arg.name };
      const corruption = this.corruption && !this.corrupted ? this.corruption : undefined;
      if (corruption === 'null-into-defaulted' && isNonNullType(arg.type) && arg.defaultValue !== undefined) {
        this.take(corruption);
        const name = this.fresh('v');
        this.variables.set(name, { type: String(getNullableType(arg.type)), value: null });
        parts.push(`${arg.name}: $${name}`);
        continue;
      }
      if (corruption === 'wrong-variable-type') {
        this.take(corruption);
        const name = this.fresh('v');
        const wrongTypes: Record<string, unknown> = { 'Boolean!': true, 'Float!': 1.5, '[Boolean!]': [true] };
        const wrong = getNamedType(arg.type).name === 'Boolean' ? 'String!' : rng.pick(Object.keys(wrongTypes));
        this.variables.set(name, { type: wrong, value: wrongTypes[wrong] ?? 'x' });
        parts.push(`${arg.name}: $${name}`);
        continue;
      }
      if (corruption === 'missing-variable') {
        this.take(corruption);
        const name = this.fresh('v');
        this.variables.set(name, {
          type: isNonNullType(arg.type) ? String(arg.type) : `${String(arg.type)}!`,
          omit: true,
        });
        parts.push(`${arg.name}: $${name}`);
        continue;
      }
      if (corruption === 'variable-unknown-input-field' && isInputObjectType(getNullableType(arg.type))) {
        this.take(corruption);
        const name = this.fresh('v');
        const value = this.gen.realValue(arg.type, context) as Record<string, unknown>;
        this.variables.set(name, {
          type: String(arg.type),
          // A computed key makes '__proto__' an own property, so JSON sends it as a key.
          value: { ...value, [rng.pick(['evil', '__proto__', 'constructor', 'password'])]: 1 },
        });
        parts.push(`${arg.name}: $${name}`);
        continue;
      }
      if (corruption === 'arg-inline' || corruption === 'arg-variable') {
        this.take(corruption);
        const via = corruption === 'arg-inline' ? 'inline' : 'variable';
        const value = this.gen.invalidValue(arg.type, via, context);
        parts.push(`${arg.name}: ${this.place(arg.type, value, via === 'variable')}`);
        continue;
      }
      const hostile = this.options.mode === 'hostile' && rng.chance(0.6);
      const viaVariable = rng.chance(this.options.variableChance);
      const value = hostile
        ? this.gen.hostileValue(arg.type, context, viaVariable)
        : this.gen.realValue(arg.type, context, this.options.maxLimit, this.options.bigLimits);
      parts.push(`${arg.name}: ${this.place(arg.type, value, viaVariable)}`);
    }
    if (this.take('unknown-arg')) {
      parts.push(
        `${rng.pick(['evil', 'where', 'orderBy', 'first', 'password'])}: ${rng.pick(['1', '"x"', 'true', 'null', '{a: 1}'])}`,
      );
    } else if (parts.length > 0 && this.take('duplicate-arg')) {
      parts.push(parts[0] as string);
    }
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /** The value inline, or a new variable holding it. */
  place(type: GraphQLInputType, value: unknown, viaVariable: boolean): string {
    if (!viaVariable) return literal(value, type);
    const name = this.fresh('v');
    this.variables.set(name, { type: String(type), value: toJson(value) });
    return `$${name}`;
  }

  /** `query Name($a: T) { ... }` with the fragments, and the variables to send. */
  document(operation: string, body: string, name?: string): { query: string; variables: Record<string, unknown> } {
    const rng = this.rng;
    if (this.take('unused-variable')) this.variables.set(this.fresh('unused'), { type: 'String', value: 'x' });
    if (this.take('unknown-variable-type')) {
      const variable = this.fresh('v');
      this.variables.set(variable, { type: rng.pick(['EvilType', 'Json', 'Object!']), value: 'x' });
      body = `${body} __typename @include(if: $${variable})`;
    }
    if (this.take('fragment-on-unknown-type')) {
      const fragment = this.fresh('G');
      this.fragments.push(`fragment ${fragment} on ${rng.pick(['Evil', 'User', 'Neo'])} { id }`);
      body = `${body} ...${fragment}`;
    }
    const definitions = [...this.variables].map(([variable, { type }]) => `$${variable}: ${type}`);
    const variables: Record<string, unknown> = {};
    for (const [variable, spec] of this.variables) if (!spec.omit) variables[variable] = spec.value;
    const head =
      definitions.length > 0 || name || operation !== 'query' || rng.chance(0.3)
        ? `${operation}${name ? ` ${name}` : ''}${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} `
        : '';
    return { query: [`${head}{ ${body} }`, ...this.fragments].join('\n'), variables };
  }
}

/** A GraphQL literal for `value` at a position of `type`. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Raw) return value.text;
  if (value instanceof Quoted) return JSON.stringify(value.text);
  const nullable = type ? getNullableType(type) : undefined;
  if (Array.isArray(value)) {
    const item = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
    return `[${value.map((entry) => literal(entry, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => `${key}: ${literal(entry, fields[key]?.type)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') {
    return nullable && isEnumType(nullable) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  }
  return String(value);
}

/** The value as JSON carries it in `variables`. */
function toJson(value: unknown): unknown {
  if (value instanceof Raw) return value.json;
  if (value instanceof Quoted) return value.text;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, toJson(entry)]),
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The generator

export interface GeneratorOptions {
  schema: GraphQLSchema;
  seed: number;
  count: number;
  real: RealValues;
}

const ACCEPTS: ReadonlyArray<readonly [string | undefined, number]> = [
  [undefined, 3],
  ['application/json', 2],
  ['application/graphql-response+json', 4],
  ['application/graphql-response+json, application/json;q=0.9', 2],
  ['*/*', 1],
];

const URL = 'http://localhost/graphql';

export class OperationGenerator {
  readonly rng: Random;
  private readonly reachCache = new Map<string, number>();
  private readonly roots: Array<{ operation: 'query' | 'mutation'; type: GraphQLObjectType }>;
  private readonly fieldNames: string[];
  private readonly typeNames: string[];
  private id = 0;

  constructor(private readonly options: GeneratorOptions) {
    this.rng = new Random(options.seed);
    const { schema } = options;
    // Operation kinds come from the schema: whatever root types it has, operations are made for each.
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    this.roots = [
      ...(query ? [{ operation: 'query' as const, type: query }] : []),
      ...(mutation ? [{ operation: 'mutation' as const, type: mutation }] : []),
    ];
    const types = Object.values(schema.getTypeMap());
    this.typeNames = types.map((type) => type.name);
    this.fieldNames = [...new Set(types.flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()) : [])))];
  }

  get schema() {
    return this.options.schema;
  }

  /** How many levels of fields can follow below an object of `type` (Infinity on a cycle). */
  reach(type: GraphQLCompositeType, visiting = new Set<string>()): number {
    const cached = this.reachCache.get(type.name);
    if (cached !== undefined) return cached;
    if (visiting.has(type.name)) return Number.POSITIVE_INFINITY;
    visiting.add(type.name);
    let best = 1;
    if (isUnionType(type)) {
      // A union is selected through fragments: one level more than its deepest member.
      for (const member of type.getTypes()) best = Math.max(best, 1 + this.reach(member, visiting));
    } else {
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isCompositeType(named)) best = Math.max(best, 1 + this.reach(named, visiting));
      }
    }
    visiting.delete(type.name);
    if (visiting.size === 0 || Number.isFinite(best)) this.reachCache.set(type.name, best);
    return best;
  }

  // -- values --------------------------------------------------------------------------------

  private realString(context: { field: string; name: string }): string {
    const { rng } = this;
    const real = this.options.real;
    const slugs = (list: string[]) =>
      rng.chance(0.08) ? `no-such-${context.field}-${rng.int(1, 999)}` : rng.pick(list);
    switch (context.name) {
      case 'slug':
        if (context.field === 'company') return slugs(real.companySlugs);
        if (context.field === 'product') return slugs(real.productSlugs);
        if (context.field === 'need') return slugs(real.needSlugs);
        return rng.pick([...real.companySlugs, ...real.needSlugs]);
      case 'needs':
        return rng.pick(real.needSlugs);
      case 'regions':
      case 'region':
        return rng.pick(real.regionCodes);
      case 'need':
        return rng.pick(real.needSlugs);
      case 'sizeBand':
        return rng.pick(['micro', 'small', 'medium', 'large']);
      // Periods of the analytics filters: a first day early in a year, a last day late in it, so
      // any pair is in order and spans the four quarters the public statistics allow at most.
      case 'from':
      case 'first':
        return `2026-0${rng.int(1, 3)}-1${rng.int(0, 9)}`;
      case 'to':
      case 'second':
        return `2026-1${rng.int(0, 1)}-1${rng.int(0, 9)}`;
      case 'quarter':
        return `2026-Q${rng.int(1, 4)}`;
      case 'municipalities':
      case 'municipality':
        return rng.pick(real.municipalityCodes);
      case 'categories':
        return rng.pick(real.categoryCodes);
      case 'csfFunctions':
        return rng.pick(real.csfFunctionCodes);
      case 'certifications':
        return rng.pick(real.certificationCodes);
      case 'languages':
        return rng.pick(real.languages);
      case 'sector':
      case 'sectors':
        return rng.pick(real.sectorCodes);
      case 'query':
        return rng.chance(0.1) ? '' : rng.some(real.words, rng.int(1, 3)).join(' ');
      case 'name':
        return rng.pick(this.typeNames);
      default:
        return rng.pick(real.words);
    }
  }

  private realInt(name: string, maxLimit: number, bigLimits = false): number {
    const { rng } = this;
    switch (name) {
      case 'limit':
        if (bigLimits) return rng.int(Math.ceil(maxLimit / 2), maxLimit);
        return rng.weighted([
          [rng.int(1, 5), 70],
          [rng.int(6, 20), 25],
          [rng.int(21, maxLimit), 5],
        ]);
      case 'offset':
        return rng.weighted([
          [0, 70],
          [rng.int(1, 50), 25],
          [rng.pick([1_000, 9_999, 10_000]), 5],
        ]);
      case 'maxPrice':
        return rng.int(0, 500_000);
      default:
        return rng.int(0, 10);
    }
  }

  realValue(
    type: GraphQLInputType,
    context: { field: string; name: string },
    maxLimit = 50,
    bigLimits = false,
  ): unknown {
    const { rng } = this;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = nullable.ofType as GraphQLInputType;
      return Array.from({ length: rng.int(1, 3) }, () => this.realValue(item, context, maxLimit, bigLimits));
    }
    if (isInputObjectType(nullable)) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(nullable.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required || rng.chance(0.5))
          out[field.name] = this.realValue(field.type, { field: context.field, name: field.name }, maxLimit, bigLimits);
      }
      // A period is a quarter or a first and last day, never both.
      if (out.quarter !== undefined && (out.from !== undefined || out.to !== undefined)) delete out.quarter;
      return out;
    }
    if (isEnumType(nullable)) return rng.pick(nullable.getValues()).name;
    switch (nullable.name) {
      case 'Int':
        return this.realInt(context.name, maxLimit, bigLimits);
      case 'Float':
        return Math.round(rng.next() * 10_000) / 100;
      case 'Boolean':
        return rng.chance(0.5);
      default:
        return this.realString(context);
    }
  }

  /** A value of the right type that a careless server could mishandle. */
  hostileValue(type: GraphQLInputType, context: { field: string; name: string }, viaVariable: boolean): unknown {
    const { rng } = this;
    const nullable = getNullableType(type);
    if (!isNonNullType(type) && rng.chance(0.1)) return null;
    if (isListType(nullable)) {
      const item = nullable.ofType as GraphQLInputType;
      return rng.weighted<() => unknown[]>([
        [() => [], 2],
        [() => Array.from({ length: rng.int(1, 4) }, () => this.hostileValue(item, context, viaVariable)), 6],
        [() => Array.from({ length: rng.int(51, 80) }, () => this.realValue(item, context)), 1],
        [
          () =>
            Array.from({ length: 3 }, () => this.realValue(item, context)).concat([
              this.hostileValue(item, context, viaVariable),
            ]),
          2,
        ],
      ])();
    }
    if (isInputObjectType(nullable)) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(nullable.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (!required && rng.chance(0.4)) continue;
        const inner = { field: context.field, name: field.name };
        out[field.name] = rng.chance(0.6)
          ? this.hostileValue(field.type, inner, viaVariable)
          : this.realValue(field.type, inner);
      }
      return out;
    }
    if (isEnumType(nullable)) return rng.pick(nullable.getValues()).name;
    switch (nullable.name) {
      case 'Int':
        return rng.pick(HOSTILE_INTS);
      case 'Float':
        return rng.pick(HOSTILE_FLOATS);
      case 'Boolean':
        return rng.chance(0.5);
      default:
        return viaVariable && rng.chance(0.1) ? rng.pick(VARIABLE_ONLY_STRINGS) : rng.pick(HOSTILE_STRINGS);
    }
  }

  /** A value of the wrong type for `type`: GraphQL itself must refuse it. */
  invalidValue(type: GraphQLInputType, via: 'inline' | 'variable', context: { field: string; name: string }): unknown {
    const { rng } = this;
    if (isNonNullType(type) && rng.chance(0.3)) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = nullable.ofType as GraphQLInputType;
      if (isNonNullType(item) && rng.chance(0.3)) return [this.realValue(item, context), null];
      return rng.chance(0.5)
        ? [[this.realValue(item, context)]]
        : [this.invalidValue(getNullableType(item) as GraphQLInputType, via, context)];
    }
    if (isInputObjectType(nullable)) {
      const fields = Object.values(nullable.getFields());
      const real = this.realValue(nullable, context) as Record<string, unknown>;
      const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
      return rng.weighted<() => unknown>([
        [
          () => {
            // A key the type does not have ('id' is a real field of some inputs, so not that one then).
            const unknown = ['evil', 'where', 'id', 'password'].filter((key) => !(key in nullable.getFields()));
            return { ...real, [rng.pick(unknown)]: rng.pick([1, 'x', true]) };
          },
          3,
        ],
        [() => (required.length > 0 ? {} : { nope: 1 }), 2],
        [() => rng.pick([5, 'x', true]), 2],
        [
          () => {
            const field = rng.pick(fields);
            return {
              ...real,
              [field.name]: this.invalidValue(field.type, via, { field: context.field, name: field.name }),
            };
          },
          3,
        ],
      ])();
    }
    if (isEnumType(nullable)) {
      const name = rng.pick(nullable.getValues()).name;
      return rng.weighted<unknown>([
        [via === 'inline' ? new Quoted(name) : `${name.toUpperCase()}_EVIL`, 3],
        ['NOT_A_VALUE', 2],
        [name.toUpperCase() === name ? `${name.toLowerCase()}x` : name.toUpperCase(), 1],
        [5, 1],
        [true, 1],
      ]);
    }
    switch (nullable.name) {
      case 'Int':
        return rng.pick<unknown>([
          '5',
          '',
          new Raw('1.5', 1.5),
          new Raw('2147483648', 2_147_483_648),
          new Raw('-2147483649', -2_147_483_649),
          new Raw('99999999999999999999', 1e20),
          new Raw('1e3', 1e3 + 0.5),
          true,
          [[1]],
          { n: 1 },
        ]);
      case 'Float':
        return rng.pick<unknown>(['1.5', true, { n: 1 }, [[1]]]);
      case 'Boolean':
        return rng.pick<unknown>(['true', 1, 0, 'false', [[true]]]);
      case 'ID':
        // An ID takes strings and integers; anything else is wrong.
        // (1e300 is an integer to JavaScript, so an ID; a float literal is not.)
        return rng.pick<unknown>([1.5, true, false, { a: 1 }, [['x']], new Raw('1e400', 0.5)]);
      default:
        return rng.pick<unknown>([5, -1, 1.5, true, false, { a: 1 }, [['x']], new Raw('1e400', 1e300)]);
    }
  }

  // -- operations ------------------------------------------------------------------------------

  private accept(): string | undefined {
    return this.rng.weighted(ACCEPTS);
  }

  private jsonRequest(body: unknown, accept = this.accept(), extra: Record<string, string> = {}): HttpRequestSpec {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (accept) headers.accept = accept;
    return { method: 'POST', url: URL, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
  }

  private next(
    category: string,
    root: GeneratedOperation['root'],
    request: HttpRequestSpec,
    expect: Expectation,
    analysis?: Analysis,
  ): GeneratedOperation {
    this.id += 1;
    return { id: this.id, category, root, request, expect, ...(analysis ? { analysis } : {}) };
  }

  /** A document for `root` built with `options`; returns the text, variables and its analysis. */
  private build(
    root: { operation: 'query' | 'mutation'; type: GraphQLObjectType },
    options: Partial<BuildOptions> & { mode: Mode },
    name?: string,
  ) {
    const builder = new DocumentBuilder(this, {
      maxDepth: 6,
      breadth: 4,
      aliasChance: 0.06,
      variableChance: 0.35,
      preferArgs: false,
      maxLimit: 50,
      ...options,
    });
    const levels = options.exactDepth ?? builder.options.maxDepth;
    let body = builder.selectionSet(root.type, levels, options.exactDepth ?? 0, true);
    if (builder.corruption && !builder.corrupted && !DOCUMENT_CORRUPTIONS.includes(builder.corruption)) {
      // No place for this corruption in what was built: an unknown field at the root instead.
      builder.corruption = 'unknown-field';
      body = `${body} nope${this.rng.int(1, 999)}`;
      builder.corrupted = true;
    }
    const { query, variables } = builder.document(root.operation, body, name);
    return { query, variables, corruption: builder.corruption };
  }

  private operation(
    category: string,
    root: { operation: 'query' | 'mutation'; type: GraphQLObjectType },
    intent: Intent,
    query: string,
    variables: Record<string, unknown>,
    operationName?: string,
  ): GeneratedOperation {
    const analysis = analyse(this.schema, query, variables, operationName);
    const body: Record<string, unknown> = { query };
    if (Object.keys(variables).length > 0 || this.rng.chance(0.1)) body.variables = variables;
    if (operationName !== undefined) body.operationName = operationName;
    // A mutation with values that pass may change data and answer as it likes; one GraphQL must
    // refuse (invalid, over a limit) is still judged like a query.
    const finalIntent: Intent =
      root.operation === 'mutation' && (intent.kind === 'real' || intent.kind === 'hostile')
        ? { kind: 'mutation' }
        : intent;
    return this.next(category, root.operation, this.jsonRequest(body), expectationFor(finalIntent, analysis), analysis);
  }

  real(root = this.pickRoot()): GeneratedOperation {
    const { rng } = this;
    const maxDepth = rng.weighted([
      [2, 2],
      [3, 4],
      [4, 4],
      [5, 3],
      [6, 2],
      [rng.int(7, 10), 1],
    ]);
    const exact = rng.chance(0.5);
    // Most answers stay small so that a run stays short; the costly ones near the limit have their own kind.
    for (let attempt = 0; ; attempt += 1) {
      const { query, variables } = this.build(root, {
        mode: 'real',
        maxDepth,
        breadth: rng.int(1, 4),
        ...(exact ? { exactDepth: maxDepth } : {}),
      });
      const cost = analyse(this.schema, query, variables).cost ?? 0;
      if (cost <= 5_000 || attempt >= 3 || rng.chance(0.2)) {
        return this.operation('real', root, { kind: 'real' }, query, variables);
      }
    }
  }

  hostile(root = this.pickRoot()): GeneratedOperation {
    const { rng } = this;
    const { query, variables } = this.build(root, {
      mode: 'hostile',
      maxDepth: rng.int(2, 5),
      breadth: rng.int(1, 3),
      preferArgs: true,
    });
    // Junk next to the real variables: unknown names, prototype keys, many of them.
    if (rng.chance(0.2)) {
      const junk: Record<string, unknown> = rng.pick([
        { evil: "' OR 1=1 --" },
        JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
        Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`junk${i}`, i])),
      ]);
      for (const [key, value] of Object.entries(junk)) {
        Object.defineProperty(variables, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return this.operation('hostile', root, { kind: 'hostile' }, query, variables);
  }

  invalid(root = this.pickRoot()): GeneratedOperation {
    const { rng } = this;
    const corruption = rng.weighted<Corruption>(
      (Object.keys(CORRUPTIONS) as Corruption[]).map((name) => [name, ARG_CORRUPTIONS.includes(name) ? 3 : 1] as const),
    );
    const built = this.build(root, {
      mode: 'real',
      maxDepth: rng.int(2, 5),
      breadth: rng.int(1, 3),
      preferArgs: true,
      corruption,
    });
    const applied = built.corruption ?? corruption;
    return this.operation(
      `invalid:${applied}`,
      root,
      { kind: 'invalid', codes: CORRUPTIONS[applied] },
      built.query,
      built.variables,
    );
  }

  /** Deeper than allowed (over: 11-20), or exactly at the limit and one past it (boundary). */
  depth(kind: 'over' | 'boundary'): GeneratedOperation {
    const { rng } = this;
    const root = this.queryRoot();
    const target =
      kind === 'over' ? rng.int(LIMITS.maxDepth + 1, LIMITS.maxDepth + 10) : rng.pick([9, 10, 10, 11, 11, 12]);
    for (let attempt = 0; ; attempt += 1) {
      const { query, variables } = this.build(root, {
        mode: 'real',
        maxDepth: target,
        exactDepth: target,
        breadth: kind === 'over' ? rng.int(1, 3) : 1,
        aliasChance: 0,
        maxLimit: 2,
      });
      const analysis = analyse(this.schema, query, variables);
      if (analysis.depth === target || attempt >= 20) {
        return this.operation(`limit:depth-${kind}`, root, { kind: 'real' }, query, variables);
      }
    }
  }

  /** More aliases than allowed, or exactly at the limit and one past it. */
  aliases(kind: 'over' | 'boundary' | 'typename'): GeneratedOperation {
    const { rng } = this;
    const root = this.queryRoot();
    const { query: base, variables } = this.build(root, {
      mode: 'real',
      maxDepth: 2,
      breadth: 1,
      aliasChance: 0,
      variableChance: 0,
    });
    const baseAliases = analyse(this.schema, base).aliases ?? 0;
    const target =
      kind === 'over'
        ? rng.int(LIMITS.maxAliases + 1, LIMITS.maxAliases + 25)
        : kind === 'boundary'
          ? rng.pick([LIMITS.maxAliases - 1, LIMITS.maxAliases, LIMITS.maxAliases + 1])
          : baseAliases;
    const cheap = Object.values(root.type.getFields()).filter((field) =>
      field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined),
    );
    const extra: string[] = [];
    for (let i = 0; i < Math.max(0, target - baseAliases); i += 1) {
      const field = rng.pick(cheap);
      const named = getNamedType(field.type);
      const leaf = hasFields(named)
        ? Object.values(named.getFields()).find((inner) => !isCompositeType(getNamedType(inner.type)))
        : undefined;
      extra.push(
        isCompositeType(named) ? `x${i}: ${field.name} { ${leaf?.name ?? '__typename'} }` : `x${i}: ${field.name}`,
      );
    }
    if (kind === 'typename') for (let i = 0; i < rng.int(16, 40); i += 1) extra.push(`n${i}: __typename`);
    const document = this.insertIntoOperation(base, extra.join(' '));
    return this.operation(`limit:aliases-${kind}`, root, { kind: 'real' }, document, variables);
  }

  private insertIntoOperation(document: string, extra: string): string {
    const [operation, ...fragments] = document.split('\nfragment');
    const at = (operation as string).lastIndexOf('}');
    return [
      `${(operation as string).slice(0, at)} ${extra} }`,
      ...fragments.map((fragment) => `fragment${fragment}`),
    ].join('\n');
  }

  /** More tokens than allowed, or exactly at the limit and around it; fillers are cheap fields. */
  tokens(kind: 'over' | 'boundary' | 'huge' | 'comments'): GeneratedOperation {
    const { rng } = this;
    const root = this.queryRoot();
    const { query: base, variables } = this.build(root, { mode: 'real', maxDepth: 3, breadth: 2, aliasChance: 0 });
    const baseTokens = countTokens(base).tokens;
    const target =
      kind === 'over'
        ? rng.int(LIMITS.maxTokens + 1, LIMITS.maxTokens * 3)
        : kind === 'boundary'
          ? LIMITS.maxTokens + rng.int(-2, 2)
          : kind === 'huge'
            ? rng.int(20_000, 60_000)
            : rng.int(100, 1_500);
    // Distinct response names (an alias of __typename is 3 tokens and no alias by the limit's
    // count): a thousand copies of one field would be refused for their overlap checks instead.
    const need = Math.max(0, target - baseTokens);
    const filler = [
      ...Array.from({ length: Math.floor(need / 3) }, (_, i) => `f${i}: __typename${rng.chance(0.2) ? ',' : ''}`),
      ...Array.from({ length: need % 3 }, () => '__typename'),
    ];
    let extra = filler.join(' ');
    if (kind === 'comments') {
      // Comments and commas are not tokens: a long document of few tokens passes.
      extra = `${extra}\n${Array.from({ length: rng.int(200, 3_000) }, (_, i) => `# comment ${i} { { { ,,,`).join('\n')}\n`;
    }
    const document = this.insertIntoOperation(base, extra);
    return this.operation(`limit:tokens-${kind}`, root, { kind: 'real' }, document, variables);
  }

  /**
   * The same field hundreds of times: GraphQL's overlap check has a budget, and such a document is
   * refused by validation (within the token limit) rather than compared pair by pair.
   */
  overlap(): GeneratedOperation {
    const { rng } = this;
    const root = this.queryRoot();
    const fields = root.type.getFields();
    const name = rng.pick(['__typename', '__typename', ...Object.keys(fields)]);
    const named = fields[name] ? getNamedType(fields[name].type) : undefined;
    const leaf =
      named && isCompositeType(named)
        ? hasFields(named)
          ? (Object.values(named.getFields()).find((inner) => !isCompositeType(getNamedType(inner.type)))?.name ??
            '__typename')
          : '__typename'
        : undefined;
    const one = leaf ? `${name} { ${leaf} }` : name;
    const copies = Math.min(rng.int(800, 1_900), Math.floor((LIMITS.maxTokens - 2) / countTokens(one).tokens));
    const query = `{ ${Array.from({ length: copies }, () => one).join(' ')} }`;
    const analysis = analyse(this.schema, query);
    const requiredArgs = fields[name]?.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const expect: Expectation =
      copies >= 800 || requiredArgs
        ? { outcome: 'refused', codes: [CODES.VALIDATION] }
        : { outcome: 'either', codes: [CODES.VALIDATION, CODES.COSTLY] };
    return this.next('limit:overlap', root.operation, this.jsonRequest({ query }), expect, analysis);
  }

  /** Costlier than allowed (over), or a paginated field's limit exactly at the cost limit and one past it. */
  cost(kind: 'over' | 'boundary'): GeneratedOperation {
    const { rng } = this;
    const root = this.queryRoot();
    for (let attempt = 0; ; attempt += 1) {
      if (kind === 'over') {
        const depth = rng.int(3, 8);
        const { query, variables } = this.build(root, {
          mode: 'real',
          maxDepth: depth,
          exactDepth: depth,
          breadth: rng.int(2, 4),
          aliasChance: 0.1,
          maxLimit: 50,
          bigLimits: true,
          preferArgs: true,
        });
        const analysis = analyse(this.schema, query, variables);
        const within = (analysis.depth ?? 0) <= LIMITS.maxDepth && (analysis.aliases ?? 0) <= LIMITS.maxAliases;
        if ((within && (analysis.cost ?? 0) > LIMITS.maxCost && analysis.tokens <= LIMITS.maxTokens) || attempt >= 40) {
          return this.operation('limit:cost-over', root, { kind: 'real' }, query, variables);
        }
        continue;
      }
      // Boundary: a page's limit as a variable; the cost is linear in it.
      const paginated = Object.values(root.type.getFields()).filter(
        (field) =>
          typeof (field.extensions as { complexity?: unknown }).complexity === 'function' &&
          field.args.some((arg) => arg.name === 'limit'),
      );
      if (paginated.length === 0) return this.cost('over');
      const field = rng.pick(paginated);
      const depth = rng.int(4, 7);
      const builder = new DocumentBuilder(this, {
        mode: 'real',
        maxDepth: depth,
        breadth: rng.int(2, 4),
        aliasChance: 0,
        variableChance: 0,
        preferArgs: false,
        maxLimit: 3,
      });
      const named = getNamedType(field.type) as GraphQLObjectType;
      const others = field.args
        .filter((arg) => arg.name !== 'limit' && isNonNullType(arg.type) && arg.defaultValue === undefined)
        .map(
          (arg) => `${arg.name}: ${literal(this.realValue(arg.type, { field: field.name, name: arg.name }), arg.type)}`,
        );
      const selection = builder.selectionSet(named, depth - 1, depth - 1);
      const definitions = ['$limit: Int!', ...[...builder.variables].map(([name, { type }]) => `$${name}: ${type}`)];
      const values = Object.fromEntries([...builder.variables].map(([name, { value }]) => [name, value]));
      const query = [
        `query Boundary(${definitions.join(', ')}) { ${field.name}(${[...others, 'limit: $limit'].join(', ')}) { ${selection} } }`,
        ...builder.fragments,
      ].join('\n');
      const at = (limit: number) => analyse(this.schema, query, { ...values, limit }).cost;
      const one = at(1);
      const two = at(2);
      if (one === undefined || two === undefined) continue;
      const perUnit = two - one;
      const fixed = one - perUnit;
      const best = perUnit > 0 ? Math.floor((LIMITS.maxCost - fixed) / perUnit) : 0;
      if ((best < 1 || best >= 50) && attempt < 60) continue;
      if (best < 1 || best >= 50) return this.cost('over');
      const limit = rng.chance(0.5) ? best : best + 1;
      return this.operation('limit:cost-boundary', root, { kind: 'real' }, query, { ...values, limit }, 'Boundary');
    }
  }

  /** Documents with several operations: one chosen by name, none chosen, or an unknown name. */
  multiple(): GeneratedOperation {
    const { rng } = this;
    const root = this.pickRoot();
    const count = rng.int(2, 3);
    const documents = Array.from({ length: count }, (_, i) => {
      const builder = new DocumentBuilder(this, {
        mode: 'real',
        maxDepth: rng.int(2, 4),
        breadth: 2,
        aliasChance: 0,
        variableChance: 0,
        preferArgs: false,
        maxLimit: 5,
      });
      const body = builder.selectionSet(root.type, builder.options.maxDepth, 0, true);
      return builder.document(root.operation, body, `Op${i}`);
    });
    const query = documents.map((document) => document.query).join('\n');
    const variables = Object.assign({}, ...documents.map((document) => document.variables));
    const how = rng.weighted([
      ['named', 6],
      ['unnamed', 2],
      ['unknown', 2],
    ] as const);
    const operationName = how === 'named' ? `Op${rng.int(0, count - 1)}` : how === 'unknown' ? 'Nope' : undefined;
    const intent: Intent =
      how === 'named' ? { kind: 'real' } : { kind: 'refused', codes: [CODES.RESOLUTION, CODES.VALIDATION] };
    return this.operation(`multiple:${how}`, root, intent, query, variables, operationName);
  }

  /** Introspection: the meta fields walked like any other, with real and hostile type names. */
  introspection(): GeneratedOperation {
    const { rng } = this;
    const builder = new DocumentBuilder(this, {
      mode: rng.chance(0.3) ? 'hostile' : 'real',
      maxDepth: rng.int(2, 6),
      breadth: 3,
      aliasChance: 0,
      variableChance: 0.3,
      preferArgs: false,
      maxLimit: 5,
    });
    const meta = rng.chance(0.5) ? SchemaMetaFieldDef : TypeMetaFieldDef;
    const body = builder.field(meta as GraphQLField<unknown, unknown>, builder.options.maxDepth, 0);
    const { query, variables } = builder.document('query', body);
    const root = this.roots[0] as { operation: 'query'; type: GraphQLObjectType };
    return this.operation(
      'introspection',
      root,
      { kind: 'either', codes: [CODES.VALIDATION, CODES.BAD_USER_INPUT] },
      query,
      variables,
    );
  }

  /** Operation types the schema has no root for (subscription; mutation while there is none). */
  unsupported(): GeneratedOperation {
    const { rng } = this;
    const missing = ['subscription', ...(this.schema.getMutationType() ? [] : ['mutation'])];
    const operation = rng.pick(missing);
    const builder = new DocumentBuilder(this, {
      mode: 'real',
      maxDepth: 3,
      breadth: 2,
      aliasChance: 0,
      variableChance: 0,
      preferArgs: false,
      maxLimit: 5,
    });
    const root = this.roots[0] as { operation: 'query'; type: GraphQLObjectType };
    const body = rng.chance(0.3) ? '__typename' : builder.selectionSet(root.type, 3, 0, true);
    const query = [`${operation} { ${body} }`, ...builder.fragments].join('\n');
    const analysis = analyse(this.schema, query);
    const expect = expectationFor({ kind: 'refused', codes: [CODES.NOT_SUPPORTED, CODES.VALIDATION] }, analysis);
    return this.next(`unsupported:${operation}`, 'subscription', this.jsonRequest({ query }), expect, analysis);
  }

  /** Not GraphQL, or broken GraphQL. */
  garbage(): GeneratedOperation {
    const { rng } = this;
    const vocabulary = [
      '{',
      '}',
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '$',
      '!',
      '@',
      '...',
      '=',
      '|',
      '&',
      ',',
      'query',
      'mutation',
      'subscription',
      'fragment',
      'on',
      'null',
      'true',
      '1',
      '-1',
      '1.5',
      '"x"',
      '"""block"""',
      '#c\n',
      '\\',
      '"',
      '\u0000',
      '\uFFFF',
      '🔥',
      ...this.fieldNames.slice(0, 40),
    ];
    const valid = this.build(this.queryRoot(), { mode: 'real', maxDepth: 3, breadth: 2, variableChance: 0 }).query;
    const kind = rng.weighted([
      ['tokens', 5],
      ['truncated', 3],
      ['mutated', 3],
      ['unbalanced', 2],
      ['nested', 1],
      ['empty', 1],
      ['bytes', 1],
      ['huge', 1],
    ] as const);
    const document = (() => {
      switch (kind) {
        case 'tokens':
          return Array.from({ length: rng.int(1, 80) }, () => rng.pick(vocabulary)).join(rng.pick([' ', '', '\n']));
        case 'truncated':
          return valid.slice(0, rng.int(0, valid.length - 1));
        case 'mutated': {
          const at = rng.int(0, valid.length - 1);
          return `${valid.slice(0, at)}${rng.pick(vocabulary)}${valid.slice(at + rng.int(0, 2))}`;
        }
        case 'unbalanced':
          return rng.pick([
            `${valid}}`,
            `{${valid}`,
            '{'.repeat(rng.int(1, 3_000)),
            '}'.repeat(rng.int(1, 100)),
            `${valid.replace(/\}/g, '')}`,
          ]);
        case 'nested':
          return `{ company(slug: ${'['.repeat(rng.int(100, 1_900))}"x"${']'.repeat(rng.int(0, 1_900))}) { name } }`;
        case 'empty':
          return rng.pick(['', ' ', '\n\t', '#', '# only a comment', ',,,,']);
        case 'bytes':
          return Array.from({ length: rng.int(1, 400) }, () => String.fromCharCode(rng.int(0, 0xffff))).join('');
        case 'huge':
          return Array.from({ length: rng.int(5_000, 30_000) }, () => rng.pick(vocabulary)).join(' ');
      }
    })();
    const analysis = analyse(this.schema, document);
    const expect = expectationFor({ kind: 'either', codes: DOCUMENT_CODES }, analysis);
    return this.next(`garbage:${kind}`, 'document', this.jsonRequest({ query: document }), expect, analysis);
  }

  /** Requests of the wrong HTTP shape. Each must be refused with a 4xx and a code (or answered, where noted). */
  http(): GeneratedOperation {
    const { rng } = this;
    const query = this.build(this.queryRoot(), { mode: 'real', maxDepth: 2, breadth: 1, variableChance: 0 }).query;
    const csrf = { 'x-graphql-yoga-csrf': '1' };
    const get = (params: Record<string, string>, headers: Record<string, string> = {}): HttpRequestSpec => ({
      method: 'GET',
      url: `${URL}?${new URLSearchParams(params).toString()}`,
      headers,
    });
    const form = (body: string, headers: Record<string, string>): HttpRequestSpec => ({
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    const brokenJson = () =>
      rng.pick([
        '{"query":',
        '{query: "{ __typename }"}',
        "{'query': '{ __typename }'}",
        '{"query": "{ __typename }",}',
        '\u0000',
        'undefined',
        '{"a":1}{"b":2}',
        JSON.stringify({ query }).slice(0, -1),
      ]);
    const refused = (status: readonly [number, number], codes: readonly string[] | 'any') =>
      ({ outcome: 'http', status, codes }) as const;
    const shapes: Array<[string, () => [HttpRequestSpec, Expectation]]> = [
      ['get-no-csrf', () => [get({ query }), refused([403, 403], [CODES.CSRF])]],
      ['get', () => [get({ query: '{ __typename }' }, csrf), { outcome: 'data' }]],
      [
        'get-bad-variables',
        () => [get({ query, variables: brokenJson() }, csrf), refused([400, 499], [CODES.BAD_REQUEST])],
      ],
      [
        'get-bad-extensions',
        () => [get({ query, extensions: brokenJson() }, csrf), refused([400, 499], [CODES.BAD_REQUEST])],
      ],
      ['get-mutation', () => [get({ query: 'mutation { __typename }' }, csrf), refused([400, 499], 'any')]],
      ['form-no-csrf', () => [form(`query=${encodeURIComponent(query)}`, {}), refused([403, 403], [CODES.CSRF])]],
      [
        'form-bad-variables',
        () => [
          form(`query=${encodeURIComponent(query)}&variables=${encodeURIComponent(brokenJson())}`, csrf),
          refused([400, 499], [CODES.BAD_REQUEST]),
        ],
      ],
      [
        'text-plain',
        () => [
          { method: 'POST', url: URL, headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) },
          refused([403, 403], [CODES.CSRF]),
        ],
      ],
      [
        'wrong-content-type',
        () => [
          {
            method: 'POST',
            url: URL,
            headers: {
              'content-type': rng.pick([
                'application/xml',
                'application/octet-stream',
                'text/plain',
                'image/png',
                'application/jsonx',
              ]),
              ...csrf,
            },
            body: JSON.stringify({ query }),
          },
          refused([400, 499], 'any'),
        ],
      ],
      [
        'no-content-type',
        () => [
          { method: 'POST', url: URL, headers: csrf, body: JSON.stringify({ query }) },
          refused([400, 499], 'any'),
        ],
      ],
      [
        'invalid-json',
        () => [
          { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, body: brokenJson() },
          refused([400, 499], [CODES.BAD_REQUEST]),
        ],
      ],
      [
        'batched',
        () => [
          this.jsonRequest(
            Array.from({ length: rng.int(1, 3) }, () => ({ query })),
            undefined,
          ),
          refused([400, 499], [CODES.BAD_REQUEST]),
        ],
      ],
      [
        'not-an-object',
        () => [
          this.jsonRequest(rng.pick(['null', '42', '"query"', 'true', '[]']), undefined),
          refused([400, 499], [CODES.BAD_REQUEST]),
        ],
      ],
      [
        'bad-params',
        () => [
          this.jsonRequest(
            rng.pick<unknown>([
              {},
              { query: 5 },
              { query: null },
              { query: ['{ __typename }'] },
              { query, variables: 'x' },
              { query, variables: [1] },
              { query, extensions: 'x' },
              { query, operationName: 5 },
              { query, operationName: 'Nope' },
            ]),
            'application/graphql-response+json',
          ),
          refused([400, 499], 'any'),
        ],
      ],
      [
        'wrong-method',
        () => [
          {
            method: rng.pick(['PUT', 'PATCH', 'DELETE']),
            url: URL,
            headers: { 'content-type': 'application/json', ...csrf },
            body: JSON.stringify({ query }),
          },
          refused([400, 499], 'any'),
        ],
      ],
      [
        'wrong-method-no-csrf',
        () => [
          { method: rng.pick(['PUT', 'DELETE', 'HEAD', 'OPTIONS']), url: URL, headers: {} },
          refused([400, 499], 'any'),
        ],
      ],
      [
        'not-acceptable',
        () => [
          this.jsonRequest({ query: '{ __typename }' }, rng.pick(['text/html', 'image/png', 'application/xml'])),
          refused([400, 499], 'any'),
        ],
      ],
      [
        'multipart',
        () => [
          {
            method: 'POST',
            url: URL,
            headers: {
              'content-type': `multipart/form-data${rng.chance(0.5) ? '; boundary=xx' : ''}`,
              ...(rng.chance(0.7) ? csrf : {}),
            },
            body: `--xx\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${brokenJson()}\r\n--xx--\r\n`,
          },
          refused([400, 499], 'any'),
        ],
      ],
    ];
    const [shape, make] = rng.pick(shapes);
    const [request, expect] = make();
    return this.next(`http:${shape}`, 'http', request, expect);
  }

  /** Mostly queries: they are most of what the API answers; mutations, when the schema has them, a quarter. */
  private pickRoot() {
    return this.rng.weighted(this.roots.map((root) => [root, root.operation === 'query' ? 3 : 1] as const));
  }

  /** Limits hold for any document; they are probed on the query root, which reaches every depth. */
  private queryRoot() {
    return this.roots[0] as { operation: 'query' | 'mutation'; type: GraphQLObjectType };
  }

  /** `count` operations (and the same extra operations for every root type but Query). */
  generate(): GeneratedOperation[] {
    const { rng } = this;
    const makers: ReadonlyArray<readonly [() => GeneratedOperation, number]> = [
      [() => this.real(), 340],
      [() => this.hostile(), 220],
      [() => this.invalid(), 160],
      [() => this.depth('over'), 20],
      [() => this.depth('boundary'), 20],
      [() => this.aliases('over'), 20],
      [() => this.aliases('boundary'), 15],
      [() => this.aliases('typename'), 6],
      [() => this.tokens('over'), 15],
      [() => this.tokens('boundary'), 15],
      [() => this.tokens('huge'), 4],
      [() => this.tokens('comments'), 4],
      [() => this.cost('over'), 20],
      [() => this.overlap(), 6],
      [() => this.cost('boundary'), 12],
      [() => this.multiple(), 15],
      [() => this.introspection(), 12],
      [() => this.unsupported(), 10],
      [() => this.garbage(), 60],
      [() => this.http(), 60],
    ];
    const operations: GeneratedOperation[] = [];
    for (let i = 0; i < this.options.count; i += 1) operations.push(rng.weighted(makers)());
    return operations;
  }
}

export function generateOperations(options: GeneratorOptions): GeneratedOperation[] {
  return new OperationGenerator(options).generate();
}

/** Control characters escaped, so that a report stays text. */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f;
    out += control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

/** The operation as a request one can send again. */
export function describeRequest(request: HttpRequestSpec, max = 2_000): string {
  const shorten = (text: string) => {
    const collapsed = printable(text).replace(/(.)\1{49,}/gsu, (run, char: string) => `${char}…(${[...run].length}×)`);
    return collapsed.length > max ? `${collapsed.slice(0, max)}… (${collapsed.length} chars)` : collapsed;
  };
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  let url = request.url;
  try {
    url = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {}
  return `${request.method} ${shorten(url)}${headers ? ` [${headers}]` : ''}${request.body !== undefined ? `\n    body: ${shorten(request.body)}` : ''}`;
}

/** Values from the graph to ask with: the sample's own, none that other test files make for a while. */
export async function readRealValues(executor: Executor): Promise<RealValues> {
  const list = async (name: string, cypher: string) =>
    (await executor.read<{ value: string }>(`test.generatedOperations.${name}`, cypher)).map((row) =>
      String(row.value),
    );
  const own = (variable: string, key: string) => `NOT ${variable}.${key} STARTS WITH 't-'`;
  const names = await list(
    'names',
    `MATCH (n) WHERE (n:Company AND ${own('n', 'slug')}) OR n:Need RETURN coalesce(n.name, n.nameDa) AS value`,
  );
  const words = [...new Set(names.flatMap((name) => name.split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3))];
  return {
    companySlugs: await list('companies', `MATCH (c:Company) WHERE ${own('c', 'slug')} RETURN c.slug AS value`),
    productSlugs: await list(
      'products',
      `MATCH (p:Product) WHERE ${own('p', 'slug')} AND p.status = 'active' RETURN p.slug AS value`,
    ),
    needSlugs: await list('needs', `MATCH (n:Need) WHERE ${notTestData('n')} RETURN n.slug AS value`),
    regionCodes: await list('regions', `MATCH (r:Region) WHERE ${notTestData('r')} RETURN r.code AS value`),
    municipalityCodes: await list(
      'municipalities',
      `MATCH (m:Municipality) WHERE ${notTestData('m')} RETURN m.code AS value`,
    ),
    sectorCodes: await list('sectors', `MATCH (s:Sector) WHERE ${notTestData('s')} RETURN s.code AS value`),
    categoryCodes: await list('categories', `MATCH (c:Category) WHERE ${notTestData('c')} RETURN c.code AS value`),
    csfFunctionCodes: await list(
      'csfFunctions',
      `MATCH (f:CsfFunction) WHERE ${notTestData('f')} RETURN f.code AS value`,
    ),
    certificationCodes: await list(
      'certifications',
      `MATCH (c:Certification) WHERE ${notTestData('c')} RETURN c.code AS value`,
    ),
    languages: await list('languages', 'MATCH (c:Company) UNWIND c.languages AS value RETURN DISTINCT value'),
    words,
  };
}
