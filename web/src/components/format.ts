// Money and dates in the reader's language.
import i18n from "../i18n/i18n";

export function FormatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(i18n.language, { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);
}

export function FormatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function FormatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "full" }).format(new Date(iso));
}
