// `import resources from '<chapter>.mdx?resources'` (chapter-import.ts reads them).
declare module '*.mdx?resources' {
  const resources: import('./declared-step.ts').DeclaredResource[];
  export default resources;
}
