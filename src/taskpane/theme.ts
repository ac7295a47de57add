import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** Relative luminance (0 black .. 1 white) of a "#RRGGBB" colour; undefined when it is not one. */
function luminance(color: string): number | undefined {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!match) return undefined;
  const [r, g, b] = match.slice(1).map((hex) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Whether Office shows a dark theme: its own flag when it has one, else a dark body background. */
export function isDarkOfficeTheme(theme: Partial<Office.OfficeTheme> | undefined): boolean {
  if (theme === undefined) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const background = luminance(theme.bodyBackgroundColor ?? "");
  return background !== undefined && background < 0.2;
}

/** The Fluent theme matching Office's. */
export function paneTheme(officeTheme: Partial<Office.OfficeTheme> | undefined): Theme {
  return isDarkOfficeTheme(officeTheme) ? webDarkTheme : webLightTheme;
}

export function currentOfficeTheme(): Office.OfficeTheme | undefined {
  return typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
}
