import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One page of the web app's route table: a URL pattern, or the error page of a route. */
export interface AppRoute {
  /** `/`, `/requests/:id`, `*`; or `error:RouteErrorPage` for an `errorElement`. */
  key: string;
  /** The component the route shows (`DocumentsPage`, `NotFoundPage`). */
  element: string;
}

/** The web app's route table. */
export const ROUTES_FILE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'web',
  'src',
  'app',
  'routes.tsx',
);

/**
 * Every page of the web app, read from the route table in web/src/app/routes.tsx (parsed with
 * the TypeScript compiler, not imported: it needs a browser). Pathless routes (the layout and the
 * guards) add nothing; an index route is its parent's path; an `errorElement` is a page of its
 * own. So a route added to the table is in this list without anyone remembering to add it.
 */
export function listAppRoutes(file = ROUTES_FILE): AppRoute[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  let table: ts.ArrayLiteralExpression | undefined;
  const find = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(source) === 'createBrowserRouter' &&
      node.arguments[0] &&
      ts.isArrayLiteralExpression(node.arguments[0])
    ) {
      table = node.arguments[0];
    }
    ts.forEachChild(node, find);
  };
  find(source);
  if (!table) throw new Error(`${file}: no createBrowserRouter([...]) found`);

  const routes: AppRoute[] = [];
  const walk = (list: ts.ArrayLiteralExpression, parent: string) => {
    for (const item of list.elements) {
      if (!ts.isObjectLiteralExpression(item)) {
        throw new Error(`${file}: a route that is not an object literal: ${item.getText(source)}`);
      }
      const prop = (name: string) =>
        item.properties.find(
          (p): p is ts.PropertyAssignment =>
            ts.isPropertyAssignment(p) && p.name.getText(source) === name,
        )?.initializer;
      const pathNode = prop('path');
      if (pathNode && !ts.isStringLiteral(pathNode)) {
        throw new Error(`${file}: a route path that is not a literal: ${pathNode.getText(source)}`);
      }
      const here = pathNode
        ? pathNode.text === '*'
          ? '*'
          : `${parent.replace(/\/$/, '')}/${pathNode.text}`
        : parent;
      const element = prop('element');
      if (element && (pathNode || prop('index')?.kind === ts.SyntaxKind.TrueKeyword)) {
        routes.push({ key: here, element: componentOf(element, source) });
      }
      const errorElement = prop('errorElement');
      if (errorElement) {
        const name = componentOf(errorElement, source);
        routes.push({ key: `error:${name}`, element: name });
      }
      const children = prop('children');
      if (children && ts.isArrayLiteralExpression(children)) walk(children, here);
    }
  };
  walk(table, '/');
  return routes;
}

/** The component a route's `element` shows: `<X />`, or `page(<X />)` for a lazy page. */
function componentOf(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isJsxSelfClosingElement(node)) return node.tagName.getText(source);
  if (ts.isJsxElement(node)) return node.openingElement.tagName.getText(source);
  if (ts.isCallExpression(node) && node.arguments[0]) return componentOf(node.arguments[0], source);
  throw new Error(`a route element that is not JSX: ${node.getText(source)}`);
}
