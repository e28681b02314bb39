// Task 8.1, the API: CrudHttpAPI is wired as the lab wants (permission, payload 2.0
// integration, five routes, stage prod, deployed), and a GET through its invoke URL
// answers 200 with the table's items.
import { findInvokeUrl } from '../actions/api-address.ts';
import { httpApiNotYet, stillNotAnswering, untilSettled } from '../actions/settling-api.ts';
import { implementCheck } from '../check-list.ts';
import type { AnyStep, Finding, StepContext } from '../model.ts';
import { answerHoldsItems } from './check.ts';
import { HTTP_API_STEPS } from './http-api.ts';
import { LAB_HTTP_API_NAMES, type HttpApiNames } from './names.ts';

/** Sends `GET <invoke URL>?TableName=<table>` as curl would, and compares the answer with the table. */
async function getThroughApi(ctx: StepContext, names: HttpApiNames): Promise<Finding> {
  const label = `GET ${names.apiName}’s invoke URL ?TableName=${names.tableName} answers 200 with the table’s items`;
  if (!ctx.fetch) return { label, ok: false, detail: 'Not tried: requests cannot be sent from here.' };
  const url = await findInvokeUrl(ctx, names.apiName, names.stageName);
  if (!url) return { label, ok: false, detail: `There is no API named ${names.apiName}.` };
  const answer = await untilSettled(ctx, {
    call: async () => {
      const response = await ctx.fetch!(`${url}?TableName=${encodeURIComponent(names.tableName)}`, { signal: ctx.signal });
      return { statusCode: response.status, body: await response.text() };
    },
    notYet: (sent) => httpApiNotYet(sent.statusCode, sent.body),
    waitingFor: `${names.apiName}’s deployment and its function’s permission to take effect`,
    doneText: `${names.apiName} answered`,
  });
  const finding = await answerHoldsItems(ctx, label, names.tableName, answer);
  if (httpApiNotYet(answer.statusCode, answer.body) === undefined) return finding;
  return { ...finding, detail: `${finding.detail}. ${stillNotAnswering(`${names.apiName} (stage ${names.stageName})`, `answered ${answer.statusCode}`)}.` };
}

/** Every API step's check with these names, then a GET through the API when they all pass. */
export async function checkHttpApi(ctx: StepContext, names: HttpApiNames): Promise<Finding[]> {
  const place = { targetKey: ctx.targetKey, account: ctx.account, region: ctx.region };
  const findings: Finding[] = [];
  for (const step of HTTP_API_STEPS as readonly AnyStep[]) {
    const inputs = { ...(step.defaults(place) as object), apiName: names.apiName, functionName: names.functionName, stageName: names.stageName };
    findings.push(...(await step.check(ctx, inputs)));
  }
  const ready = findings.every((finding) => finding.ok);
  const get = ready
    ? await getThroughApi(ctx, names)
    : { label: `GET ${names.apiName}’s invoke URL answers 200 with the items of ${names.tableName}`, ok: false, detail: 'Not tried: fix the API first.' };
  return [...findings, get];
}

export const task81ApiCheck = implementCheck<HttpApiNames>('task-8-1/api', (ctx, names = LAB_HTTP_API_NAMES) => checkHttpApi(ctx, names));
