export function QueuePage() {
  return <section className="page"><h1>QueuePage</h1></section>;
}
