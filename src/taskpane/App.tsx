import { FluentProvider, Text, Title3, webLightTheme } from "@fluentui/react-components";

declare const ADDIN_VERSION: string;

export function App() {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16 }}>
        <Title3 as="h1">ITFM for Excel</Title3>
        <Text as="p" data-testid="addin-version">
          Version {ADDIN_VERSION}
        </Text>
      </main>
    </FluentProvider>
  );
}
