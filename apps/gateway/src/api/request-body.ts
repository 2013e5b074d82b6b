import type { FastifyInstance } from 'fastify';
import { parse } from 'lossless-json';
import { InvalidRequestError } from '../domain/errors.ts';

/**
 * Request bodies are JSON, whatever the Content-Type says: PHP shop clients send JSON declared as
 * `application/x-www-form-urlencoded`, or `text/plain`, or nothing. A body that is not JSON is refused: 415,
 * naming the form encoding when that is what came (the REST API never took form bodies; that was the NVP API).
 */
export function installBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, readBody(String(body), request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;
const JSON_TYPES = /^\s*application\/([\w.-]+\+)?json\b/i;
// An object or array: meant as JSON whatever the declared type, so a fault in it is reported as one.
const JSON_STRUCTURE = /^\s*[[{]/;

export function readBody(text: string, contentType = ''): unknown {
  if (text.trim() === '') return undefined;
  if (JSON_TYPES.test(contentType) || JSON_STRUCTURE.test(text)) return readJson(text);
  try {
    return readJson(text);
  } catch {
    const form = FORM_TYPES.test(contentType);
    throw new InvalidRequestError(
      form
        ? 'The request body must be JSON; form-encoded bodies are not accepted.'
        : 'The request body must be JSON.',
      415,
    );
  }
}

/**
 * JSON with its numbers kept exact: a number a double holds exactly (24.9, 1e2) becomes that number, and one
 * it cannot hold (24.999999999999999999, 1e400) stays the text the client wrote, so an amount is never
 * silently rounded; the field then reads it as decimal text and refuses it by its own rules. Duplicate keys
 * with different values are refused rather than resolved by position.
 */
function readJson(text: string): unknown {
  try {
    return parse(text, null, exactNumber);
  } catch {
    // The parser's message quotes the text around the fault, which may be a card number.
    throw new InvalidRequestError('The request body is not valid JSON.');
  }
}

function exactNumber(literal: string): number | string {
  const value = Number(literal);
  return Number.isFinite(value) && sameDecimal(String(value), literal) ? value : literal;
}

/** Whether two decimal numerals name the same number (sign, digits and exponent compared, not spelling). */
function sameDecimal(a: string, b: string): boolean {
  const left = decimalParts(a);
  const right = decimalParts(b);
  return left.digits === right.digits && left.exponent === right.exponent && left.negative === right.negative;
}

function decimalParts(numeral: string): { negative: boolean; digits: string; exponent: number } {
  const [, sign = '', whole = '', fraction = '', exponent = '0'] =
    /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(numeral) ?? [];
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leading).replace(/0+$/, '');
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  // The exponent of the first significant digit: 1.5e3 and 1500 and 15e2 all give 3.
  return { negative: sign === '-', digits, exponent: Number(exponent) + whole.length - leading - 1 };
}
