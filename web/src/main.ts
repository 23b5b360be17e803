import type { Apartment } from "../../app/model";
import "./style.css";

const statusLine = document.querySelector<HTMLParagraphElement>("#status")!;
const list = document.querySelector<HTMLUListElement>("#apartments")!;

function render(apartments: readonly Apartment[]): void {
  statusLine.textContent = apartments.length === 0 ? "No apartments are listed yet." : "";
  list.replaceChildren(
    ...apartments.map((apartment) => {
      const item = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = apartment.name;
      const details = document.createElement("span");
      details.textContent = ` · ${apartment.bedrooms} bedroom(s) · ${apartment.pricePerNight} per night · ${apartment.status}`;
      item.append(name, details);
      return item;
    }),
  );
}

async function loadApartments(): Promise<void> {
  try {
    const response = await fetch("/api/apartments", { headers: { accept: "application/json" } });
    if (!response.ok || !response.headers.get("content-type")?.includes("application/json")) {
      throw new Error(`GET /api/apartments answered ${response.status}`);
    }
    const body = (await response.json()) as Apartment[] | { apartments: Apartment[] };
    render(Array.isArray(body) ? body : body.apartments);
  } catch (error) {
    console.warn(error);
    statusLine.textContent = "The apartment list is not available right now. Please try again in a moment.";
  }
}

void loadApartments();
