/** Walk a zod 4 schema and list object fields without a `.describe()` text (on the field itself). */
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  items?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
};

export function undocumentedFields(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const out: string[] = [];
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape!)) {
        if (!v.description) out.push(`${path}.${k}`);
        out.push(...undocumentedFields(v, `${path}.${k}`));
      }
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      out.push(...undocumentedFields(def.innerType!, path));
      break;
    case 'union':
      def.options!.forEach((o, i) => out.push(...undocumentedFields(o, `${path}|${i}`)));
      break;
    case 'array':
      out.push(...undocumentedFields(def.element!, `${path}[]`));
      break;
    case 'tuple':
      def.items!.forEach((o, i) => out.push(...undocumentedFields(o, `${path}[${i}]`)));
      break;
    case 'pipe':
      out.push(...undocumentedFields(def.in!, path));
      break;
  }
  return out;
}
