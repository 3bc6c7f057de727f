import Ajv from "ajv";
import addFormats from "ajv-formats";

/**
 * JSON Schemas written from the GeoReport v2 field definitions (wiki.open311.org/GeoReport_v2): ids and
 * codes are strings, datetimes are w3 datetimes WITH timezone, booleans and enums exactly as listed.
 * "May not be returned" fields may be null. No additional properties: a leak of reporter data (email,
 * name, phone) fails validation.
 */
const w3 = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$" };
const nullableString = { type: ["string", "null"] };

export const errorsSchema = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    additionalProperties: false,
    required: ["code", "description"],
    properties: { code: { type: "integer" }, description: { type: "string", minLength: 1 } },
  },
};

export const discoverySchema = {
  type: "object",
  additionalProperties: false,
  required: ["changeset", "contact", "key_service", "endpoints"],
  properties: {
    changeset: w3,
    contact: { type: "string" },
    key_service: nullableString,
    endpoints: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["specification", "url", "changeset", "type", "formats"],
        properties: {
          specification: { type: "string", const: "http://wiki.open311.org/GeoReport_v2" },
          url: { type: "string", format: "uri" },
          changeset: w3,
          type: { enum: ["production", "test"] },
          formats: { type: "array", items: { enum: ["text/xml", "application/json"] } },
        },
      },
    },
  },
};

export const servicesSchema = {
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
    properties: {
      service_code: { type: "string", minLength: 1 },
      service_name: { type: "string", minLength: 1 },
      description: nullableString,
      metadata: { type: "boolean" },
      type: { enum: ["realtime", "batch", "blackbox"] },
      keywords: nullableString,
      group: nullableString,
    },
  },
};

export const serviceDefinitionSchema = {
  type: "object",
  additionalProperties: false,
  required: ["service_code", "attributes"],
  properties: {
    service_code: { type: "string" },
    attributes: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"],
        properties: {
          variable: { type: "boolean" },
          code: { type: "string" },
          datatype: { enum: ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] },
          required: { type: "boolean" },
          datatype_description: nullableString,
          order: { type: "integer", minimum: 1 },
          description: { type: "string" },
          values: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["key", "name"],
              properties: { key: { type: "string" }, name: { type: "string" } },
            },
          },
        },
      },
    },
  },
};

export const postResponseSchema = {
  type: "array",
  minItems: 1,
  maxItems: 1,
  items: {
    type: "object",
    additionalProperties: false,
    required: ["service_request_id", "token"],
    properties: {
      service_request_id: { type: "string", minLength: 1 },
      token: { type: "string", minLength: 1 },
      service_notice: nullableString,
      account_id: nullableString,
    },
  },
};

export const tokenResponseSchema = {
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["service_request_id", "token"],
    properties: { service_request_id: { type: "string" }, token: { type: "string" } },
  },
};

export const requestsSchema = {
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["service_request_id", "status", "service_code", "requested_datetime", "updated_datetime", "lat", "long"],
    properties: {
      service_request_id: { type: "string", minLength: 1 },
      status: { enum: ["open", "closed"] },
      status_notes: nullableString,
      service_name: nullableString,
      service_code: { type: "string" },
      description: nullableString,
      agency_responsible: nullableString,
      service_notice: nullableString,
      requested_datetime: w3,
      updated_datetime: w3,
      expected_datetime: { anyOf: [w3, { type: "null" }] },
      address: nullableString,
      address_id: nullableString,
      zipcode: nullableString,
      lat: { type: "number", minimum: -90, maximum: 90 },
      long: { type: "number", minimum: -180, maximum: 180 },
      media_url: { type: ["string", "null"], format: "uri" },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);

/** Validates and returns the errors (empty when valid), so a failing test shows what was wrong. */
export function schemaErrors(schema: object, data: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
