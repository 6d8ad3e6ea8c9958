/**
 * The shop's catalogue: six products served from one template at `/product/1` .. `/product/6`,
 * so the collector's `/product/:id` route counts them as one page.
 */
export const PRODUCTS = [
  {
    id: 1,
    name: 'Trail Runner',
    price: 89,
    blurb: 'Light trail shoes with a grippy sole for wet rock and loose gravel.',
  },
  { id: 2, name: 'City Tote', price: 45, blurb: 'A waxed-canvas tote that takes a laptop, a lunch and a rain jacket.' },
  { id: 3, name: 'Wool Beanie', price: 24, blurb: 'Merino rib-knit beanie, warm without the itch.' },
  { id: 4, name: 'Desk Lamp', price: 65, blurb: 'A warm, dimmable LED lamp on a weighted steel base.' },
  { id: 5, name: 'Ceramic Mug', price: 18, blurb: 'Hand-glazed stoneware, 350 ml, dishwasher safe.' },
  { id: 6, name: 'Field Notebook', price: 12, blurb: 'Dot-grid pocket notebook, 96 pages of 100 g paper.' },
];
