/**
 * Validation once per document rather than once per request. Several plugins take part in
 * validating (graphql-armor's limits, the introspection switch, @defer/@stream's rules, the input
 * error wording), and envelop calls each of their hooks on every request, even when yoga's cache
 * then answers with the result it already has: on a small query those calls cost more than the
 * validation they lead to. Their hooks are folded into one here: they run, in their order, the
 * first time a parsed document is validated, and that document's result (errors or none) is kept
 * for it. This holds because what they add depends on the document alone (rules fixed when the
 * gateway is built, one schema); yoga's parse cache hands out the same DocumentNode for the same
 * text, and a document it drops takes its result with it (a WeakMap).
 */
import type { DocumentNode } from "graphql";
import type { Plugin } from "graphql-yoga";

type ValidateHook = NonNullable<Plugin["onValidate"]>;
type ValidateDone = Exclude<ReturnType<ValidateHook>, void>;
type Validated = Parameters<ValidateDone>[0]["result"];

/** `plugins`, their validation hooks replaced by one that runs them once per document. */
export function validatingOnce<P extends object>(plugins: P[]): P[] {
  const hooks = plugins.flatMap((plugin) => ("onValidate" in plugin && plugin.onValidate ? [plugin.onValidate as ValidateHook] : []));
  const results = new WeakMap<DocumentNode, Validated>();
  const once: Plugin = {
    onValidate(payload) {
      const document = payload.params.documentAST;
      const known = results.get(document);
      if (known) return payload.setResult(known);
      // Each hook wraps the validation function the hooks before it left, as envelop chains them.
      let { validateFn } = payload;
      const setValidationFn = (next: typeof validateFn) => {
        validateFn = next;
        payload.setValidationFn(next);
      };
      const after = hooks
        .map((hook) => hook({ ...payload, validateFn, setValidationFn }))
        .filter((done): done is ValidateDone => typeof done === "function");
      return (done) => {
        let { result } = done;
        for (const hook of after)
          hook({
            ...done,
            result,
            setResult(next) {
              result = next;
              done.setResult(next);
            },
          });
        results.set(document, result);
      };
    },
  };
  const withoutValidation = (plugin: P): P => {
    if (!("onValidate" in plugin)) return plugin;
    const { onValidate: _, ...rest } = plugin;
    return rest as P;
  };
  return [once as P, ...plugins.map(withoutValidation)];
}
