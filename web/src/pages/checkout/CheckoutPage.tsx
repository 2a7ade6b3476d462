export function CheckoutPage() {
  return <section className="page"><h1>CheckoutPage</h1></section>;
}
