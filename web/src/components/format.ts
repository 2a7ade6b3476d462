// Money and dates in the reader's language.
import i18n from "../i18n/i18n";

export function FormatMoney(amount: number, currency: string): string {
  // Whole amounts without decimals (NT$4,200, not NT$4,200.00); cents only when there are some.
  const fraction = Number.isInteger(amount) ? 0 : 2;
  return new Intl.NumberFormat(i18n.language, { style: "currency", currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(amount);
}

export function FormatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function FormatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "full" }).format(new Date(iso));
}
