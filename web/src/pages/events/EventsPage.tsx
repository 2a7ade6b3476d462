export function EventsPage() {
  return <section className="page"><h1>EventsPage</h1></section>;
}
