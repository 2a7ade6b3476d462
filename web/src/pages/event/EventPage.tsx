export function EventPage() {
  return <section className="page"><h1>EventPage</h1></section>;
}
