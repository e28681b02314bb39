// The names Task 8.1's resources go by, as its chapter declares them (`resources:` in
// content/task-8-1.mdx; tests/unit/lab-resources.test.ts holds the two equal). Plain values,
// no SDK and no content: the list of checks (check-list.ts) prefills a check's fields with
// them before any check code loads, and widgets' props default to them.

export const TASK_8_1_TABLE = 'ccbda-lambda-first';
export const CRUD_FUNCTION = 'LambdaCRUD';
export const CRUD_API = 'CrudHttpAPI';
export const CRUD_STAGE = 'prod';

/** The names the API check looks for; the lab's by default. */
export interface HttpApiNames {
  apiName: string;
  functionName: string;
  stageName: string;
  tableName: string;
}

export const LAB_HTTP_API_NAMES: HttpApiNames = { apiName: CRUD_API, functionName: CRUD_FUNCTION, stageName: CRUD_STAGE, tableName: TASK_8_1_TABLE };
