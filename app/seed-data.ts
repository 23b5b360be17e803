import type { Apartment } from "./model";

/** Demo apartments: loaded by `npm run seed`, and by the dev server when the table is empty. */
export function demoApartments(now = new Date().toISOString()): Apartment[] {
  const rows: Array<[string, string, string, number, number]> = [
    ["apt-harbour-view", "Harbour View Loft", "Bright loft over the old harbour, with a balcony facing the sunset.", 1, 120],
    ["apt-garden-suite", "Garden Suite", "Quiet ground-floor suite opening onto a shared garden.", 2, 150],
    ["apt-old-town", "Old Town Studio", "Compact studio on a cobbled street, two minutes from the market.", 1, 85],
    ["apt-riverside", "Riverside Family Flat", "Three bedrooms by the river, cots and high chair on request.", 3, 210],
    ["apt-skyline", "Skyline Penthouse", "Top-floor penthouse with a roof terrace and city views.", 2, 340],
    ["apt-park-corner", "Park Corner Apartment", "Corner flat across from the park, ideal for long stays.", 2, 135],
  ];
  return rows.map(([id, name, description, bedrooms, pricePerNight]) => ({
    id, name, description, bedrooms, pricePerNight, status: "vacant", updatedAt: now,
  }));
}
