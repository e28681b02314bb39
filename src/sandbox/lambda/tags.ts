// Lambda's tag operations on a function (TagResource, UntagResource, ListTags at
// /2017-03-31/tags/{ARN}) and the limits CreateFunction's Tags share with them. The model
// states no lengths for TagKey and TagValue; Lambda's guide does (configuration-tags.html:
// keys up to 128 characters, values up to 256, 50 tags a function), and Lambda refuses
// a breach as InvalidParameterValueException.
import type { RestJsonInput, RestJsonRoute } from '../protocol/rest-json.ts';
import type { ListTagsOutput } from '../protocol/generated/lambda.ts';
import { withoutTags, withTags, type TagMap } from '../tags.ts';
import type { LambdaEngine } from './engine.ts';
import { invalidValue } from './errors.ts';
import type { FunctionRecord } from './function-record.ts';
import { lambdaConstraints } from './function-input.ts';
import { parseFunctionRef } from './function-ref.ts';

const MAX_KEY = 128;
const MAX_VALUE = 256;

/** Refuses a key or value Lambda would not store. */
function checkTagValues(tags: TagMap): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > MAX_KEY) throw invalidValue(`Tag keys must be 1 to ${MAX_KEY} characters long: ${key.slice(0, MAX_KEY)}`);
    if (value.length > MAX_VALUE) throw invalidValue(`The value of the tag ${key} is longer than ${MAX_VALUE} characters.`);
  }
}

const tooManyTags = () => invalidValue('Number of tags exceeds resource tag limit.');

/** The tags a new function starts with, checked as TagResource checks them. */
export function checkedNewTags(tags: TagMap): TagMap {
  checkTagValues(tags);
  const all = withTags({}, tags);
  if (!all) throw tooManyTags();
  return all;
}

/** The function a tag operation's ARN names: tags belong to the function, not to a version or alias. */
function taggedFunction(engine: LambdaEngine, input: RestJsonInput): FunctionRecord {
  const arn = input.params.Resource;
  if (parseFunctionRef(arn)?.qualifier !== undefined) throw invalidValue('Tags are not supported on function versions or aliases.');
  return engine.find(arn, input.req.region);
}

export function lambdaTagRoutes(engine: LambdaEngine): RestJsonRoute[] {
  const T = '/2017-03-31/tags/{Resource}';
  return [
    {
      method: 'POST',
      path: T,
      operation: 'TagResource',
      async handler(input) {
        const c = lambdaConstraints();
        const added = (c.object(input.json().Tags, 'tags') ?? {}) as TagMap;
        checkTagValues(added);
        const record = taggedFunction(engine, input);
        const tags = withTags(record.tags, added);
        if (!tags) throw tooManyTags();
        await engine.setTags(record, tags);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: T,
      operation: 'UntagResource',
      async handler(input) {
        const record = taggedFunction(engine, input);
        await engine.setTags(record, withoutTags(record.tags, input.query.getAll('tagKeys')));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: T,
      operation: 'ListTags',
      async handler(input) {
        return { body: { Tags: taggedFunction(engine, input).tags } satisfies ListTagsOutput };
      },
    },
  ];
}
