/**
 * FOCUS 1.0 ServiceCategory -> TBM Taxonomy v5.0.1 tower. "Other" has no tower: those charges stay on
 * the Cloud Services pool and reach towers through the pool's allocation rule.
 */
export const FOCUS_CATEGORY_TOWERS: Readonly<Record<string, string | null>> = {
  "AI and Machine Learning": "Data",
  Analytics: "Data",
  "Business Applications": "Application",
  Compute: "Compute",
  Databases: "Data",
  "Developer Tools": "Delivery",
  Multicloud: "Tech Management",
  Identity: "Security",
  Integration: "Application",
  "Internet of Things": "Application",
  "Management and Governance": "Tech Management",
  Media: "Application",
  Migration: "Delivery",
  Mobile: "Application",
  Networking: "Network",
  Security: "Security",
  Storage: "Storage",
  Web: "Application",
  Other: null,
};
