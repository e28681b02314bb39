// The lab's resources, described once as steps. A step knows how to find what already
// exists (so running it twice adopts instead of failing), create it and wait until it is
// usable, check it is right, remove it, and print the AWS CLI command that does the same.
// Widgets render steps, tests run them (Node, against the sandbox), teardown walks them back.

import type { Script } from './shells.ts';
/** Makes an SDK v3 client for the current target: cloudClient in the browser, the sandbox harness in tests. */
// `object`: each SDK client constructor takes a configuration type of its own.
export type ClientFactory = <C>(Client: new (config: object) => C) => C;

/** Where the resources live. */
export interface Place {
  /** Which target and account, e.g. `sandbox:123456789012`; what a step made is kept under it. */
  targetKey: string;
  account: string;
  region: string;
  /** The sandbox's endpoint, which the AWS CLI needs as --endpoint-url; absent on AWS. */
  endpointUrl?: string;
}

/** What a step is doing right now. */
export interface Progress {
  text: string;
  /** The resource's state as AWS reports it, e.g. `CREATING`. */
  state?: string;
  /** What the step is waiting for, e.g. `CREATING → ACTIVE`. */
  waitingFor?: string;
}

/** One SDK call as the student may inspect it: the SDK's own log-safe view, never a header or signature. */
export interface RecordedCall {
  service: string;
  operation: string;
  request: unknown;
  response?: unknown;
  error?: { code: string; message: string; status?: number };
  startedAt: number;
  durationMs: number;
}

export interface StepContext extends Place {
  client: ClientFactory;
  record(call: RecordedCall): void;
  progress(update: Progress): void;
  signal?: AbortSignal;
  /**
   * Sends an HTTP request to an API's invoke URL, as a check does to try an API: fetch
   * through the page's address for it in the browser (the relay for AWS), plain fetch in
   * tests. Absent where no request can be made.
   */
  fetch?(url: string, init?: RequestInit): Promise<Response>;
  /**
   * Opens a WebSocket to a WebSocket API's URL, as a check does to talk to the lab's API:
   * the page's WebSocket at the page's address for the URL (the relay for AWS) in the
   * browser, Node's WebSocket in tests. Absent where none can be opened.
   */
  openWebSocket?(url: string): Promise<WebSocket>;
  /**
   * The tags a create call puts on what it makes, where AWS keeps tags (labbook-tags.ts: the
   * chapter and the step); set by runStep, absent elsewhere.
   */
  resourceTags?: Record<string, string>;
}

/** One resource of a kind, as listed with its tags. */
export interface TaggedResource {
  name: string;
  tags: Record<string, string>;
}

/** A kind of resource that carries AWS tags (tables, functions, APIs, streams): every one in the region, with its tags. */
export interface TaggedKind {
  list(ctx: StepContext): Promise<TaggedResource[]>;
}

/** An input a student can change before running a step. */
export interface InputField<I> {
  name: keyof I & string;
  label: string;
  kind: 'text' | 'number' | 'select';
  options?: readonly string[];
  help?: string;
}

/** What a step made (or found): enough to name it, find it again and show it. */
export interface Made {
  /** The resource's name, e.g. the table or function name. */
  name: string;
  arn?: string;
  /** One line for the student, e.g. `ccbda-lambda-first: ACTIVE, key thingID (S)`. */
  summary: string;
  /** Where it answers, e.g. a deployed stage's invoke URL. */
  url?: string;
}

/** One thing a check looked at. */
export interface Finding {
  label: string;
  ok: boolean;
  /** What was found, in words: shown whether it passed or not. */
  detail: string;
}

export interface Step<I, F = unknown> {
  /** Unique and stable: what a step made is stored under it, e.g. `task-8-1/table`. */
  id: string;
  title: string;
  fields: readonly InputField<I>[];
  defaults(place: Place): I;
  /** The name of the resource these inputs make: what a step made is recorded under it. */
  nameOf(inputs: I): string;
  /** What exists now under these inputs, without waiting; undefined if nothing does. */
  find(ctx: StepContext, inputs: I): Promise<F | undefined>;
  /**
   * Issues the create call(s); waitReady waits for the result. A step whose find cannot look
   * without an error answer (see lambda-permission.ts) learns on create that the resource
   * was there, and says whether it adopted it as it was or updated it.
   */
  create(ctx: StepContext, inputs: I): Promise<void | 'adopted' | 'updated'>;
  /** Brings what exists in line with the inputs; false when nothing needed to change. */
  update?(ctx: StepContext, inputs: I, found: F): Promise<boolean>;
  /** Waits until the resource can be used (`CREATING → ACTIVE`, `Pending → Active`). */
  waitReady(ctx: StepContext, inputs: I): Promise<Made>;
  check(ctx: StepContext, inputs: I): Promise<Finding[]>;
  /** Deletes the resource and waits until it is gone; false when there was nothing to delete. */
  remove(ctx: StepContext, inputs: I): Promise<boolean>;
  /** The same step as AWS CLI commands, with the student's values. */
  cli(inputs: I, place: Place): Script;
  /** How its kind is listed with tags, so teardown finds what labbook made anywhere; absent where AWS keeps none (routes, stages…). */
  tagged?: TaggedKind;
  /** The source the step deploys (a function's handler), kept with its record for the lab report. */
  sourceOf?(inputs: I): DeployedSource;
}

export interface DeployedSource {
  /** The file's name, e.g. `lambda_crud.py`. */
  file: string;
  code: string;
}

/** A step of any input type, for lists of steps. */
export type AnyStep = Step<any, any>;
