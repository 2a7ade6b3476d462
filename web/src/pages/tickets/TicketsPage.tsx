export function TicketsPage() {
  return <section className="page"><h1>TicketsPage</h1></section>;
}
