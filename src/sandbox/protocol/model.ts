/**
 * The shape of the service descriptions generated from botocore's
 * service-2.json models (generated/*.ts, written by `npm run codegen:sandbox`).
 * Field names follow botocore's; `error` is set on exception shapes only.
 */

export interface ShapeModel {
  type: string;
  min?: number;
  max?: number;
  /** A Java-style regular expression, as AWS prints it in validation messages. */
  pattern?: string;
  enum?: string[];
  required?: string[];
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  member?: string;
  key?: string;
  value?: string;
  error?: { code: string; status: number };
  /** restJson: the member that is the whole HTTP body rather than one JSON member of it. */
  payload?: string;
}

export interface OperationModel {
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  errors: string[];
}

export interface ServiceModel {
  apiVersion: string;
  protocol: string;
  serviceId: string;
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}
