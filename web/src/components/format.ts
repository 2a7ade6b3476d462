// Money and dates in the reader's language. Intl formatters are costly to build (the first one
// of a kind loads locale data: ~100 ms on a slow phone), so each is built once and kept.
import i18n from "../i18n/i18n";

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function Cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const fullKey = `${i18n.language}|${key}`;
  let formatter = formatters.get(fullKey);
  if (!formatter) {
    formatter = make();
    formatters.set(fullKey, formatter);
  }
  return formatter as T;
}

export function FormatMoney(amount: number, currency: string): string {
  // Whole amounts without decimals (NT$4,200, not NT$4,200.00); cents only when there are some.
  const fraction = Number.isInteger(amount) ? 0 : 2;
  return Cached(`money|${currency}|${fraction}`, () =>
    new Intl.NumberFormat(i18n.language, { style: "currency", currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction }),
  ).format(amount);
}

export function FormatDateTime(iso: string): string {
  return Cached("datetime", () => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" })).format(new Date(iso));
}

export function FormatDate(iso: string): string {
  return Cached("date", () => new Intl.DateTimeFormat(i18n.language, { dateStyle: "full" })).format(new Date(iso));
}
