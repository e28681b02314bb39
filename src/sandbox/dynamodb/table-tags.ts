// DynamoDB's tags on tables. dynalite has TagResource, UntagResource and ListTagsOfResource,
// but it ignores CreateTable's Tags, checks no key or value against the model (keys of 1 to
// 128 characters, values up to 256), lets a table carry any number of tags where AWS allows 50
// (TaggingRestrictions.html), reads only the table's name from an ARN, so another account's
// or region's ARN found this sandbox's table, and tags a table that is still CREATING, where
// AWS answers ResourceNotFoundException (cortexproject/cortex#1369 tagging straight after
// CreateTable; cloud-custodian#3514 listing a new table's tags). This module adds those before
// dynalite runs.
import { AwsError } from '../protocol/errors.ts';
import { model } from '../protocol/generated/dynamodb.ts';
import { validateRequest } from '../protocol/model-validator.ts';
import { withTags, type TagMap } from '../tags.ts';
import type { DynamoEngine, EngineResult } from './engine.ts';

interface Tag {
  Key: string;
  Value: string;
}

const TAG_OPERATIONS = new Set(['TagResource', 'UntagResource', 'ListTagsOfResource']);
const validation = { model, errorCode: 'ValidationException' };
const TABLE_ARN = /^arn:aws:dynamodb:([^:]+):(\d{12}):table\/[^/]+$/;

/** dynalite's wording for a table it cannot find, which is AWS's (typo included). */
const notFound = (arn: string) => new AwsError('ResourceNotFoundException', `Requested resource not found: ResourcArn: ${arn} not found`);
const tooManyTags = () => new AwsError('ValidationException', 'One or more parameter values were invalid: a table can have at most 50 tags.');

const asMap = (tags: readonly Tag[]): TagMap => Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));

export interface TableTags {
  /** Whether `operation` goes through here rather than straight to dynalite. */
  handles(operation: string): boolean;
  call(operation: string, body: string): Promise<EngineResult<string>>;
}

export function tableTags(engine: DynamoEngine, accountId: string, region: string): TableTags {
  /** Refuses an ARN of another account or region as a table that does not exist. */
  function checkArn(arn: unknown): void {
    const [, arnRegion, arnAccount] = typeof arn === 'string' ? (TABLE_ARN.exec(arn) ?? []) : [];
    if (arnRegion !== undefined && (arnRegion !== region || arnAccount !== accountId)) throw notFound(String(arn));
  }

  /** A table that is still CREATING has no tags to read or change yet, as far as AWS answers. */
  async function refuseWhileCreating(arn: string): Promise<void> {
    const described = await engine.call('DescribeTable', JSON.stringify({ TableName: arn.split('/').pop() }));
    if (described.status === 200 && (JSON.parse(described.body) as { Table: { TableStatus: string } }).Table.TableStatus === 'CREATING') throw notFound(arn);
  }

  /** The table's tags, or dynalite's answer when it cannot list them (no such table). */
  async function currentTags(arn: string): Promise<{ tags: TagMap } | { failed: EngineResult<string> }> {
    const listed = await engine.call('ListTagsOfResource', JSON.stringify({ ResourceArn: arn }));
    if (listed.status !== 200) return { failed: listed };
    return { tags: asMap((JSON.parse(listed.body) as { Tags?: Tag[] }).Tags ?? []) };
  }

  /** CreateTable with Tags: the tags are checked as TagResource checks them, and applied once the table exists. */
  async function createTable(body: string, data: Record<string, unknown>): Promise<EngineResult<string>> {
    const tags = data.Tags as Tag[];
    validateRequest(validation, 'TagResource', { ResourceArn: `arn:aws:dynamodb:${region}:${accountId}:table/${String(data.TableName)}`, Tags: tags });
    if (!withTags({}, asMap(tags))) throw tooManyTags();
    const created = await engine.call('CreateTable', body);
    if (created.status !== 200) return created;
    const arn = (JSON.parse(created.body) as { TableDescription: { TableArn: string } }).TableDescription.TableArn;
    const tagged = await engine.call('TagResource', JSON.stringify({ ResourceArn: arn, Tags: tags }));
    return tagged.status === 200 ? created : tagged;
  }

  return {
    handles: (operation) => operation === 'CreateTable' || TAG_OPERATIONS.has(operation),
    async call(operation, body) {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return engine.call(operation, body);
      }
      if (operation === 'CreateTable') return Array.isArray(data.Tags) && data.Tags.length ? createTable(body, data) : engine.call(operation, body);
      validateRequest(validation, operation, data);
      checkArn(data.ResourceArn);
      await refuseWhileCreating(data.ResourceArn as string);
      if (operation === 'TagResource') {
        const current = await currentTags(data.ResourceArn as string);
        if ('failed' in current) return current.failed;
        if (!withTags(current.tags, asMap(data.Tags as Tag[]))) throw tooManyTags();
      }
      return engine.call(operation, body);
    },
  };
}
