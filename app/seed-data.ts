import type { ApartmentRecord } from "./model";

/** Demo apartments: loaded by `npm run seed`, and by the dev server when the table is empty. */
export function demoApartments(now = new Date().toISOString()): ApartmentRecord[] {
  const rows: Array<[string, string, string, number, number, string]> = [
    ["apt-harbour-view", "Harbour View Loft", "Bright loft over the old harbour, with a balcony facing the sunset.", 1, 120, "Europe/Lisbon"],
    ["apt-garden-suite", "Garden Suite", "Quiet ground-floor suite opening onto a shared garden.", 2, 150, "Europe/Lisbon"],
    ["apt-old-town", "Old Town Studio", "Compact studio on a cobbled street, two minutes from the market.", 1, 85, "Europe/Madrid"],
    ["apt-riverside", "Riverside Family Flat", "Three bedrooms by the river, cots and high chair on request.", 3, 210, "Europe/Lisbon"],
    ["apt-skyline", "Skyline Penthouse", "Top-floor penthouse with a roof terrace and city views.", 2, 340, "Atlantic/Madeira"],
    ["apt-park-corner", "Park Corner Apartment", "Corner flat across from the park, ideal for long stays.", 2, 135, "Atlantic/Azores"],
  ];
  return rows.map(([id, name, description, bedrooms, pricePerNight, timeZone]) => ({
    id, name, description, bedrooms, pricePerNight, timeZone, updatedAt: now,
  }));
}
