// SPDX-License-Identifier: AGPL-3.0-or-later
// Every answer the API tests receive is checked against docs/openapi.json with Ajv, a JSON
// Schema validator Civic did not write (OpenAPI 3.1 schemas are JSON Schema 2020-12): the
// status is one the operation lists, the content type is one it documents, the body
// matches the documented schema, and the documented required headers are there (and match
// their schemas). A test that receives an undocumented answer fails, so the document and
// the server cannot drift apart.
//
// An address that matches no documented path must answer 404, and a documented path asked
// with a method it does not document must answer 405: both as problem JSON.

import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const openapi = JSON.parse(readFileSync(path.join(root, 'docs', 'openapi.json'), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(openapi, 'openapi.json');

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// The documented paths as patterns: {id} is one segment; {text} may hold slashes only where
// the server takes the rest of the path ({text...} in its route table).
const templates = Object.keys(openapi.paths).map((template) => {
  const source = template
    .split('/')
    .map((seg) => {
      if (/^\{\w+\}$/.test(seg)) return seg === '{text}' || seg === '{path}' ? '(.+)' : '([^/]+)';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { template, re: new RegExp(`^${source}$`), literal: !template.includes('{') };
});

// The documented path an address falls under; literal paths win over templates
// (/units/new is not /units/{id}).
export function templateFor(pathname) {
  const hits = templates.filter((t) => t.re.test(pathname));
  return (hits.find((t) => t.literal) ?? hits[0])?.template;
}

const pointer = (parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

// Follows a local $ref of the document.
export function deref(node) {
  let n = node;
  while (n && n.$ref) {
    n = n.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((o, k) => o[k], openapi);
  }
  return n;
}

const compiled = new Map();
function validatorAt(parts) {
  const key = pointer(parts);
  if (!compiled.has(key)) {
    const v = ajv.getSchema(`openapi.json#/${key}`);
    if (!v) throw new Error(`openapi-check: no schema at #/${key}`);
    compiled.set(key, v);
  }
  return compiled.get(key);
}

function describeErrors(errors) {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('; ');
}

const headerValidators = new Map();
function headerValidator(schema) {
  const key = JSON.stringify(schema);
  if (!headerValidators.has(key)) headerValidators.set(key, ajv.compile(schema));
  return headerValidators.get(key);
}

const problemValidator = () => validatorAt(['components', 'schemas', 'Problem']);

// Checks one answer; returns a list of what does not match the document (empty: it does).
// res: { status, headers (a Headers), text }.
export function conformance(method, url, res) {
  const out = [];
  const { pathname } = new URL(url, 'http://civic.invalid');
  const m = method.toLowerCase();
  const template = templateFor(pathname);
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const label = `${method.toUpperCase()} ${pathname} → ${res.status}`;
  const body = () => {
    try {
      return JSON.parse(res.text);
    } catch {
      return undefined;
    }
  };
  const checkProblem = () => {
    if (type !== 'application/problem+json') {
      out.push(`${label}: content-type ${type || '(none)'}, where a problem+json answer is due`);
      return;
    }
    const v = problemValidator();
    if (!v(body())) out.push(`${label}: the problem does not match the Problem schema: ${describeErrors(v.errors)}`);
  };

  if (!template) {
    if (res.status !== 404) out.push(`${label}: no documented path matches ${pathname}, so only 404 may answer`);
    else if (type === 'application/problem+json') checkProblem();
    return out;
  }
  const item = openapi.paths[template];
  const op = item[m] ?? (m === 'head' ? item.get : undefined);
  if (!op) {
    if (res.status !== 405) out.push(`${label}: ${method.toUpperCase()} is not documented for ${template}, so only 405 may answer`);
    else {
      checkProblem();
      if (!res.headers.get('allow')) out.push(`${label}: a 405 must say Allow`);
    }
    return out;
  }
  const opKey = item[m] ? m : 'get';
  const status = String(res.status);
  const responseKey = op.responses[status] ? status : op.responses[`${status[0]}XX`] ? `${status[0]}XX` : op.responses.default ? 'default' : undefined;
  if (!responseKey) {
    out.push(`${label}: ${template} does not list ${status} (it lists ${Object.keys(op.responses).join(', ')}): ${res.text.slice(0, 200)}`);
    return out;
  }
  const response = deref(op.responses[responseKey]);
  const content = response.content ?? {};
  const types = Object.keys(content);
  if (m !== 'head' && types.length === 0 && res.text.length > 0)
    out.push(`${label}: the document says no body, but one came (${type})`);
  if (types.length && m !== 'head') {
    if (!types.includes(type)) {
      out.push(`${label}: content-type ${type || '(none)'}, documented ${types.join(', ')}`);
    } else if (/json$/.test(type)) {
      const parsed = body();
      if (parsed === undefined) out.push(`${label}: the body is not JSON`);
      else {
        const parts = ['paths', template, opKey, 'responses', responseKey, 'content', type, 'schema'];
        // Follow a $ref'd response to where its schema lives.
        const ref = op.responses[responseKey].$ref;
        const schemaParts = ref ? [...ref.replace(/^#\//, '').split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')), 'content', type, 'schema'] : parts;
        if (content[type].schema) {
          const v = validatorAt(schemaParts);
          if (!v(parsed)) out.push(`${label}: the body does not match the document: ${describeErrors(v.errors)}`);
        }
      }
    }
  }
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(h);
    const value = res.headers.get(name);
    if (value == null) {
      if (header.required) out.push(`${label}: lacks the required header ${name}`);
      continue;
    }
    if (header.schema) {
      const schema = deref(header.schema);
      // A header is text; a number-typed header is checked as the number it spells.
      const typed = ['integer', 'number'].includes(schema.type) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      const v = headerValidator(schema);
      if (!v(typed)) out.push(`${label}: header ${name} "${value}" does not match its schema: ${describeErrors(v.errors)}`);
    }
  }
  return out;
}

// Throws when an answer does not match the document. With CIVIC_OPENAPI_REPORT=FILE set, it
// appends each mismatch to FILE instead, so one run of the suite lists them all.
export function assertConforms(method, url, res) {
  const problems = conformance(method, url, res);
  if (problems.length && process.env.CIVIC_OPENAPI_REPORT) {
    appendFileSync(process.env.CIVIC_OPENAPI_REPORT, problems.map((p) => `${p}\n`).join(''));
    return;
  }
  if (problems.length) {
    const e = new Error(`The answer does not keep the OpenAPI document's word:\n  ${problems.join('\n  ')}`);
    e.name = 'OpenApiConformanceError';
    throw e;
  }
}

export { METHODS };
