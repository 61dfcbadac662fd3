'use client';

import { Menu } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Logo } from '@/components/logo';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from '@/components/ui/sheet';

/** The sidebar in a sheet from the left, for screens too narrow to keep it open. */
export function MobileNav({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Open navigation">
          <Menu className="size-5" aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="gap-0 p-0" aria-describedby={undefined}>
        <SheetTitle className="sr-only">Navigation</SheetTitle>
        <div className="px-4 pt-4">
          <Logo />
        </div>
        {/* Following a link closes the sheet, also when it leads to the page already open. */}
        <div
          className="flex min-h-0 flex-1 flex-col"
          onClickCapture={(event) => {
            if ((event.target as HTMLElement).closest('a[href]')) setOpen(false);
          }}
        >
          {children}
        </div>
      </SheetContent>
    </Sheet>
  );
}
