// Leaflet plugins (markercluster) extend the global `L`: set it before they load.
import L from "leaflet";

window.L = L;
export default L;
