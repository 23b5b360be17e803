import { startRouter } from "./router";
import { aboutView } from "./views/about";
import { apartmentView } from "./views/apartment";
import { apartmentsView } from "./views/apartments";
import { failedView, notFoundView } from "./views/messages";
import { reservationView } from "./views/reservation";

const outlet = document.getElementById("main")!;

// The skip link targets #main; following it as a link would change the route.
document.querySelector(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  outlet.focus();
});

startRouter({
  outlet,
  siteName: "Citystay",
  routes: [
    { path: /^\/$/, render: apartmentsView },
    { path: /^\/apartments\/([^/]+)$/, render: apartmentView },
    { path: /^\/reservations\/([^/]+)$/, render: reservationView },
    { path: /^\/about$/, render: aboutView },
  ],
  notFound: notFoundView,
  failed: failedView,
  navigated: (path) => {
    document.querySelectorAll<HTMLAnchorElement>(".site-nav a").forEach((link) => {
      const section = link.getAttribute("href")!.slice(1);
      const current = section === "/" ? !path.startsWith("/about") : path.startsWith(section);
      if (current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  },
});
