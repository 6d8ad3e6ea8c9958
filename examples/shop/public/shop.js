// Product page behaviour. The cart is a stub: the shop exists to be measured, not to sell.
// A custom event goes through the SDK's global when it is there; a page without the SDK still works.
document.getElementById('add-to-cart')?.addEventListener('click', () => {
  const status = document.getElementById('cart-status');
  if (status) status.textContent = 'Added to your cart.';
  try {
    const hl = window.heatlens;
    if (hl && typeof hl.track === 'function') hl.track('add_to_cart');
  } catch {
    // Analytics must never break the shop.
  }
});
