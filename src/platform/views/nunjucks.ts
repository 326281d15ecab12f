import nunjucks from 'nunjucks';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist';
export const mojRoot = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const platformTemplates = path.join(here, 'templates');
export const staticDir = path.join(here, 'static');

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** One environment for every feature; each feature adds its own template folder. */
export function createNunjucks(featureViewDirs: string[]): nunjucks.Environment {
  // re-read templates on every render while developing; compiling them costs tens of
  // milliseconds a page, so production (and the benchmark server, OPENMASH_TEMPLATE_CACHE) keeps them
  const noCache = process.env.NODE_ENV !== 'production' && process.env.OPENMASH_TEMPLATE_CACHE !== 'true';
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([platformTemplates, ...featureViewDirs, govukDist, mojRoot], { noCache }),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('date', (value: Date | string | null | undefined) => (value ? dateFormat.format(new Date(value)) : ''));
  env.addFilter('dateTime', (value: Date | string | null | undefined) => (value ? dateTimeFormat.format(new Date(value)) : ''));
  env.addFilter('isoInstant', (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : ''));
  /** [{field,text}] → the govukErrorSummary errorList */
  env.addFilter('errorList', (errors: Array<{ field: string; text: string }> | undefined) =>
    (errors ?? []).map((e) => ({ href: `#${e.field}`, text: e.text })),
  );
  /** the error message for one field, in the shape govuk macros take */
  env.addFilter('fieldError', (errors: Array<{ field: string; text: string }> | undefined, field: string) => {
    const found = (errors ?? []).find((e) => e.field === field);
    return found ? { text: found.text } : undefined;
  });
  /** [{value,text}] with the chosen value(s) marked, for selects, radios and checkboxes */
  env.addFilter('options', (items: Array<{ value: string; text: string }>, chosen: string | string[] | undefined, key = 'selected') => {
    const set = new Set(Array.isArray(chosen) ? chosen : chosen !== undefined ? [chosen] : []);
    return items.map((i) => ({ ...i, [key]: set.has(i.value) }));
  });
  return env;
}
