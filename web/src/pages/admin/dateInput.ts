// <input type="datetime-local"> speaks the browser's local time without a zone; the API speaks
// RFC 3339 UTC. These convert between the two.
export function ToLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function FromLocalInput(value: string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}
