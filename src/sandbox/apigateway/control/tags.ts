// TagResource, UntagResource and GetTags at /v2/tags/{resource-arn}, for the v2 resources the
// sandbox keeps that AWS lets one tag: an API (arn:aws:apigateway:<region>::/apis/<id>) and a
// stage (…/apis/<id>/stages/<name>). The model states values of 1 to 1600 characters and
// nothing of keys; API Gateway's guide adds keys of at most 128 characters and 50 tags a
// resource (apigateway-tagging-supported-resources.html). CreateApi's and CreateStage's
// tags are held to the same.
import type { RestJsonRoute } from '../../protocol/rest-json.ts';
import type { GetTagsOutput } from '../../protocol/generated/apigatewayv2.ts';
import { withoutTags, withTags, type TagMap } from '../../tags.ts';
import type { ApiStore } from '../api-store.ts';
import { badRequest, stageNotFound } from '../errors.ts';
import type { ApiDocument } from '../model.ts';
import { checked, constraints, stringMap } from './input.ts';

const MAX_KEY = 128;
const RESOURCE_ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/;

/** The tags once `added` is applied, refused as API Gateway refuses them. */
export function taggedWith(current: TagMap, added: TagMap): TagMap {
  const long = Object.keys(added).find((key) => key.length < 1 || key.length > MAX_KEY);
  if (long !== undefined) throw badRequest(`Tag keys must be 1 to ${MAX_KEY} characters long: ${long.slice(0, MAX_KEY)}`);
  const tags = withTags(current, added);
  if (!tags) throw badRequest('A resource can have at most 50 tags.');
  return tags;
}

interface TagTarget {
  region: string;
  apiId: string;
  stageName?: string;
}

function targetOf(arn: string): TagTarget {
  const [, region, apiId, stageName] = RESOURCE_ARN.exec(arn) ?? [];
  if (!region) throw badRequest(`Invalid resource ARN specified: ${arn}`);
  return { region, apiId, stageName };
}

/** Where a target's tags live in its API's document; throws NotFoundException for a stage it lacks. */
function tagsIn(doc: ApiDocument, target: TagTarget): TagMap {
  if (target.stageName === undefined) return doc.api.tags ?? {};
  const stage = doc.stages[target.stageName];
  if (!stage) throw stageNotFound();
  return stage.tags;
}

function setTagsIn(doc: ApiDocument, target: TagTarget, tags: TagMap): void {
  if (target.stageName !== undefined) doc.stages[target.stageName].tags = tags;
  else if (Object.keys(tags).length) doc.api.tags = tags;
  else delete doc.api.tags;
}

export function tagRoutes(store: ApiStore): RestJsonRoute[] {
  const path = '/v2/tags/{resource-arn}';
  const change = (arn: string, next: (current: TagMap) => TagMap) => {
    const target = targetOf(arn);
    return store.update(target.region, target.apiId, (doc) => setTagsIn(doc, target, next(tagsIn(doc, target))));
  };
  return [
    {
      method: 'POST',
      path,
      operation: 'TagResource',
      async handler({ json, params }) {
        const check = constraints();
        const added = stringMap(check, json().tags, 'tags') ?? {};
        checked(check);
        await change(params['resource-arn'], (current) => taggedWith(current, added));
        return { status: 201, body: {} };
      },
    },
    {
      method: 'DELETE',
      path,
      operation: 'UntagResource',
      async handler({ params, query }) {
        await change(params['resource-arn'], (current) => withoutTags(current, query.getAll('tagKeys')));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path,
      operation: 'GetTags',
      async handler({ params }) {
        const target = targetOf(params['resource-arn']);
        return { body: { tags: tagsIn(store.get(target.region, target.apiId), target) } satisfies GetTagsOutput };
      },
    },
  ];
}
