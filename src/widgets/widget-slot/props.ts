// <WidgetSlot>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const widgetSlotProps = z.strictObject({
  widget: z.string().min(1).describe('The widget that will stand here.'),
});
