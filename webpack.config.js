const path = require("path");
const fs = require("fs");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CompressionPlugin = require("compression-webpack-plugin");
const zlib = require("zlib");
const { DefinePlugin } = require("webpack");
const { withBaseUrl, DEV_BASE_URL } = require("./scripts/manifest-tools");

/** Source files whose JSDoc-tagged functions become ITFM.* custom functions. */
const FUNCTION_FILES = [
  "./src/functions/local.ts",
  "./src/functions/business-case.ts",
  "./src/functions/remote.ts",
].filter((file) => fs.existsSync(path.resolve(__dirname, file)));

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
  // ADDIN_BASE_URL (e.g. https://itfm.example.com) replaces every dev URL in the copied manifest.
  const baseUrl = process.env.ADDIN_BASE_URL || DEV_BASE_URL;
  return {
    devtool: production ? "source-map" : "eval-source-map",
    target: ["web", "es2020"],
    entry: {
      functions: FUNCTION_FILES,
      // The pane reuses what the functions chunk already holds (client, contract, zod), loaded first.
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // The pane's script is named by its content and cached for good; functions.js keeps its name
      // because the manifest names it (it is revalidated instead, see src/server/static-files.ts).
      filename: (pathData) =>
        pathData.chunk.name === "functions" ? "[name].js" : "[name].[contenthash:12].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              compilerOptions: {
                noEmit: false,
                module: "esnext",
                moduleResolution: "bundler",
                sourceMap: true,
              },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new DefinePlugin({ ADDIN_VERSION: JSON.stringify(require("./package.json").version) }),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTION_FILES }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the custom functions and the task pane live in this one page.
        chunks: ["functions", "taskpane"],
      }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      // Served as they are to a browser that accepts them (@fastify/static's preCompressed): no
      // compression work per request.
      ...[
        {
          filename: "[path][base].br",
          algorithm: "brotliCompress",
          compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } },
        },
        { filename: "[path][base].gz", algorithm: "gzip", compressionOptions: { level: 9 } },
      ].map(
        (options) =>
          new CompressionPlugin({
            ...options,
            test: /\.(js|html|json)$/,
            threshold: 1024,
            minRatio: 0.9,
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "[path][name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => withBaseUrl(content.toString(), baseUrl),
          },
        ],
      }),
    ],
  };
};
