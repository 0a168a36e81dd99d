import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".stack/**",
      "next-env.d.ts",
      "lib/db/database.types.ts",
      "playwright-report/**",
      "test-results/**",
    ],
  },
  ...nextVitals,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Tests read untyped database rows and raw protocol frames on purpose; their assertions check the shapes.
    files: ["**/*.test.ts", "supabase/tests/**", "stack/test/**", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The local stack is never imported by the app. Tests (never bundled) may start one to run against.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["app/**/*.test.ts", "lib/**/*.test.ts", "app/api/test-support/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/stack/*", "@/stack/*"], message: "The app must not import the local stack." }] },
      ],
    },
  },
);
