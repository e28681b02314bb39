// A resource's tags as DynamoDB, Lambda, API Gateway and Kinesis keep them: one value per key,
// a new value for a key replaces the old one, and at most 50 tags on a resource, the limit each
// service documents (DynamoDB: TaggingRestrictions.html; Lambda: configuration-tags.html; API
// Gateway: apigateway-tagging-supported-resources.html; Kinesis: the model's AddTagsToStream).
// Each service answers a breach in its own words, so this only says whether there is one.

export type TagMap = Record<string, string>;

export const TAGS_PER_RESOURCE = 50;

/** The tags once `added` is applied, or undefined when the resource would carry more than 50. */
export function withTags(current: TagMap, added: TagMap): TagMap | undefined {
  const next = { ...current, ...added };
  return Object.keys(next).length > TAGS_PER_RESOURCE ? undefined : next;
}

/** The tags without `keys`; a key the resource does not carry is ignored, as AWS ignores it. */
export function withoutTags(current: TagMap, keys: readonly string[]): TagMap {
  return Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key)));
}
